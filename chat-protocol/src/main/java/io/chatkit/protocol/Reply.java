package io.chatkit.protocol;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.PushResult;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the protocol answers to one frame: the frame to send back to the caller, and how it went — the
 * transport maps that to its own status (API Gateway: 200, 400, 500) — with what a log line or a metric needs
 * to say about it, and never the frame's content.
 *
 * @param outcome {@code ANSWERED}: the action ran; {@code REFUSED}: an {@code error} frame, nothing changed;
 *                {@code FAILED}: an {@code INTERNAL_ERROR} frame, safe to retry
 * @param frame   the JSON frame for the caller
 * @param action  the frame's action when it named one of the protocol's, else empty
 * @param code    the error frame's code, when refused or failed
 * @param user    the caller's user, once the connection was identified
 * @param pushed  what became of each push the action made to other connections (a send's fan-out), else empty
 */
public record Reply(Outcome outcome, String frame, Optional<String> action, Optional<ErrorCode> code,
                    Optional<UserId> user, Map<ConnectionId, PushResult> pushed) {
    public enum Outcome { ANSWERED, REFUSED, FAILED }

    public Reply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(user, "user");
        pushed = Map.copyOf(pushed);
    }

    public Reply(Outcome outcome, String frame) {
        this(outcome, frame, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }
}
