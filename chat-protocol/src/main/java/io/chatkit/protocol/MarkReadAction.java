package io.chatkit.protocol;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.ReadData;
import java.util.Optional;

/** {@code markRead} {chatRoomId, messageId} → {@code read} (with {@code newlyRead}); the others get {@code read}. */
final class MarkReadAction implements Action {
    @Override
    public String name() {
        return "markRead";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(reader -> call.chat().markRead().markRead(new MarkReadCommand(reader,
                        RoomId.of(call.request().text("chatRoomId")), MessageId.of(call.request().text("messageId")))))
                .then(receipt -> Outcome.accepted(new ReplyData("read", new ReadData(receipt.roomId().value(),
                        receipt.reader().value(), receipt.upTo().value(), receipt.readAt().toString(),
                        Optional.of(receipt.newlyRead())))));
    }
}
