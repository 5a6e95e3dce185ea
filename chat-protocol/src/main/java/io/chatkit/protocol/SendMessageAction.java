package io.chatkit.protocol;

import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.protocol.FrameData.MessageData;
import java.util.List;
import java.util.Set;

/**
 * {@code sendMessage} {chatRoomId, content, clientMessageId?, replyTo?, mentions?, attachments?} → {@code sent};
 * every other member's connection gets {@code message}. With {@code attachments} (ids from {@code uploadGranted}),
 * {@code content} may be empty or left out.
 */
final class SendMessageAction implements Action {
    @Override
    public String name() {
        return "sendMessage";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        RoomId room = RoomId.of(call.request().text("chatRoomId"));
        List<AttachmentId> attachments = call.request().hasField("attachments")
                ? call.request().texts("attachments").stream().map(AttachmentId::of).toList() : List.of();
        MessageContent content = attachments.isEmpty() ? MessageContent.of(call.request().text("content"))
                : call.request().optionalText("content").map(MessageContent::stored).orElse(MessageContent.EMPTY);
        var clientMessageId = call.request().optionalText("clientMessageId").map(ClientMessageId::of);
        var replyTo = call.request().optionalText("replyTo").map(MessageId::of);
        Set<UserId> mentions = call.optionalUsers("mentions");
        call.trace().charged(); // the use case takes the frame from the sender's allowance
        return call.chat().identify().whoIs(call.caller())
                .then(sender -> call.chat().sendMessage().send(new SendMessageCommand(call.trace().user(sender),
                        call.caller(), room, content, clientMessageId, replyTo, mentions, attachments)))
                .then(sent -> Outcome.accepted(new ReplyData("sent",
                        MessageData.sent(sent.message(), sent.duplicate()))));
    }
}
