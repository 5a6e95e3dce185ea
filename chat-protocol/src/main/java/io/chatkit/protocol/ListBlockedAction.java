package io.chatkit.protocol;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.BlockedData;

/** {@code listBlocked} {} → {@code blocked}: the users the caller blocked. */
final class ListBlockedAction implements Action {
    @Override
    public String name() {
        return "listBlocked";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(user -> call.chat().blocking().listBlocked(user))
                .then(blocked -> Outcome.accepted(new ReplyData("blocked",
                        new BlockedData(blocked.stream().map(UserId::value).toList()))));
    }
}
