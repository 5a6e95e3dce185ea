package io.chatkit.protocol;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase.BlockCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.UserData;

/** {@code blockUser} {userId} → {@code userBlocked}: their messages no longer reach the caller. */
final class BlockUserAction implements Action {
    @Override
    public String name() {
        return "blockUser";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(user -> call.chat().blocking().block(
                        new BlockCommand(user, UserId.of(call.request().text("userId")))))
                .then(blocked -> Outcome.accepted(new ReplyData("userBlocked", new UserData(blocked.value()))));
    }
}
