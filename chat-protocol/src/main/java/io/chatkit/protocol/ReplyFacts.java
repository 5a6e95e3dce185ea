package io.chatkit.protocol;

import io.chatkit.core.domain.UserId;
import java.util.Optional;

/** What handling one frame learns on the way, for its {@link Reply}: the action, the caller, whether it was charged. */
final class ReplyFacts {
    private Optional<String> action = Optional.empty();
    private Optional<UserId> user = Optional.empty();
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

    Reply reply(Reply.Outcome outcome, String frame, Optional<ErrorCode> code) {
        return new Reply(outcome, frame, action, code, user);
    }
}
