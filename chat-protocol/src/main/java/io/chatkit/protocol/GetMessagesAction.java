package io.chatkit.protocol;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.GetMessagesUseCase.MessagesPage;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.protocol.FrameData.MessageData;
import io.chatkit.protocol.FrameData.MessagesData;

/**
 * {@code getMessages} {chatRoomId, limit?, before?, after?} → {@code messages}: a page of history, cut to fit a
 * frame; a message of a sender the reader blocked carries {@code "blocked": true}.
 */
final class GetMessagesAction implements Action {
    @Override
    public String name() {
        return "getMessages";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(user -> {
            RoomId room = RoomId.of(call.request().text("chatRoomId"));
            GetMessagesQuery query = new GetMessagesQuery(user, room, call.pageSize(),
                    call.request().optionalText("before"), call.request().optionalText("after").map(MessageId::of));
            return call.chat().getMessages().getMessages(query)
                    .then(read -> Outcome.accepted(new ReplyData("messages", fitting(room, read))));
        });
    }

    private static MessagesData fitting(RoomId room, MessagesPage read) {
        Page<Message> page = PageBytes.fitting(read.page(), message -> FrameWriter.itemBytes(data(message, read)));
        return new MessagesData(room.value(), page.items().stream().map(message -> data(message, read)).toList(),
                page.nextCursor().orElse(null));
    }

    private static Record data(Message message, MessagesPage read) {
        return MessageData.inHistory(message, read.blocked().contains(message.senderId()));
    }
}
