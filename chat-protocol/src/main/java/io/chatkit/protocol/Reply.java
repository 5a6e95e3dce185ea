package io.chatkit.protocol;

import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the protocol answers to one frame: the frame to send back to the caller, and how it went — the
 * transport maps that to its own status (API Gateway: 200, 400, 500) — with what a log line or a metric needs
 * to say about it, and never the frame's content.
 *
 * @param outcome {@code ANSWERED}: the action ran; {@code REFUSED}: an {@code error} frame, nothing changed;
 *                {@code FAILED}: an {@code INTERNAL_ERROR} frame, safe to retry
 * @param frame   the JSON frame for the caller; empty when the action answers nothing ({@code typing}): send nothing
 * @param action  the frame's action when it named one of the protocol's, else empty
 * @param code    the error frame's code, when refused or failed
 * @param user    the caller's user, once the connection was identified
 */
public record Reply(Outcome outcome, String frame, Optional<String> action, Optional<ErrorCode> code,
                    Optional<UserId> user) {
    public enum Outcome { ANSWERED, REFUSED, FAILED }

    public Reply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(user, "user");
    }

    /** Whether there is a frame to send the caller. */
    public boolean hasFrame() {
        return !frame.isEmpty();
    }

    public Reply(Outcome outcome, String frame) {
        this(outcome, frame, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
