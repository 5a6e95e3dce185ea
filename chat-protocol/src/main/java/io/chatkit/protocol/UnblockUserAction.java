package io.chatkit.protocol;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase.BlockCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.UserData;

/** {@code unblockUser} {userId} → {@code userUnblocked}. */
final class UnblockUserAction implements Action {
    @Override
    public String name() {
        return "unblockUser";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(user -> call.chat().blocking().unblock(
                        new BlockCommand(user, UserId.of(call.request().text("userId")))))
                .then(unblocked -> Outcome.accepted(new ReplyData("userUnblocked", new UserData(unblocked.value()))));
    }
}
