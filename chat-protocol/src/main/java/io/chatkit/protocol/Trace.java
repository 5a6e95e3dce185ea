package io.chatkit.protocol;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.PushResult;
import java.util.Map;
import java.util.Optional;

/** What handling one frame learns on the way, for its {@link Reply}: the action, the caller, the fan-out. */
final class Trace {
    private Optional<String> action = Optional.empty();
    private Optional<UserId> user = Optional.empty();
    private Map<ConnectionId, PushResult> pushed = Map.of();
    private boolean charged;

    void action(String name) {
        action = Optional.of(name);
    }

    UserId user(UserId caller) {
        user = Optional.of(caller);
        return caller;
    }

    /** A use case is about to take the frame from the caller's allowance. */
    void charged() {
        charged = true;
    }

    boolean wasCharged() {
        return charged;
    }

    void pushed(Map<ConnectionId, PushResult> results) {
        pushed = results;
    }

    Reply reply(Reply.Outcome outcome, String frame, Optional<ErrorCode> code) {
        return new Reply(outcome, frame, action, code, user, pushed);
    }
}
