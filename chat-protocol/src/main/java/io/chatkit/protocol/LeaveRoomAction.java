package io.chatkit.protocol;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.RoomLeftData;

/** {@code leaveRoom} {chatRoomId} → {@code roomLeft}; the others get the leaving notice as a {@code message}. */
final class LeaveRoomAction implements Action {
    @Override
    public String name() {
        return "leaveRoom";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(leaver -> {
            RoomId room = RoomId.of(call.request().text("chatRoomId"));
            return call.chat().membership().leave(new LeaveRoomCommand(leaver, room))
                    .then(left -> Outcome.accepted(new ReplyData("roomLeft", new RoomLeftData(room.value()))));
        });
    }
}
