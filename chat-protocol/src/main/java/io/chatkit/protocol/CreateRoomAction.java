package io.chatkit.protocol;

import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.RoomData;
import java.util.Optional;
import java.util.Set;

/** {@code createRoom} {participantIds, name?} → {@code roomCreated} (with {@code existing}); the others get it pushed. */
final class CreateRoomAction implements Action {
    @Override
    public String name() {
        return "createRoom";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(creator -> {
            Set<UserId> others = call.users("participantIds");
            RoomName name = RoomName.of(call.request().optionalText("name").orElse(""));
            return call.chat().createRoom()
                    .createOrReuse(new CreateRoomCommand(creator, others, name, Optional.of(call.caller())))
                    .then(created -> Outcome.accepted(new ReplyData("roomCreated",
                            RoomData.created(created.room(), created.existing()))));
        });
    }
}
