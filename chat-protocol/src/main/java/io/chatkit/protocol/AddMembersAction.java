package io.chatkit.protocol;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.MembersAddedData;
import java.util.Set;

/** {@code addMembers} {chatRoomId, participantIds} → {@code membersAdded}: those who were not members yet. */
final class AddMembersAction implements Action {
    @Override
    public String name() {
        return "addMembers";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(by -> {
            RoomId room = RoomId.of(call.request().text("chatRoomId"));
            Set<UserId> added = call.users("participantIds");
            return call.chat().membership().addMembers(new AddMembersCommand(by, room, added))
                    .then(changed -> Outcome.accepted(new ReplyData("membersAdded", new MembersAddedData(
                            room.value(), changed.changed().stream().map(UserId::value).sorted().toList()))));
        });
    }
}
