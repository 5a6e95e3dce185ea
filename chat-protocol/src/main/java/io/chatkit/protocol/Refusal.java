package io.chatkit.protocol;

import io.chatkit.core.port.in.Rejection;
import java.time.Duration;
import java.util.Objects;

/**
 * Why the protocol refused a frame: a stable code and a message for people. Every refusal — a frame that is
 * not JSON, a field that breaks a rule, a use case's rejection — becomes one of these, and then one
 * {@code error} frame; nothing was changed.
 */
public record Refusal(ErrorCode code, String message, Duration retryAfter) {
    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Refusal(ErrorCode code, String message) {
        this(code, message, Duration.ZERO);
    }

    static Refusal of(Rejection rejection) {
        return new Refusal(ErrorCode.of(rejection.code()), rejection.message(), rejection.retryAfter());
    }

    /**
     * Carries a refusal out of the frame's reading (a field missing or malformed, an unknown action) to
     * {@link ChatProtocol#handle}; it never leaves this package. A use case's rejection is not raised: it comes
     * back as the value it is ({@code Outcome}).
     */
    static final class Raised extends RuntimeException {
        private final Refusal refusal;

        Raised(ErrorCode code, String message) {
            this(new Refusal(code, message));
        }

        Raised(Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
