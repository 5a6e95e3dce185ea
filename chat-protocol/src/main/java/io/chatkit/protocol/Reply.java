package io.chatkit.protocol;

import java.util.Objects;

/**
 * What the protocol answers to one frame: the frame to send back to the caller, and how it went — the
 * transport maps that to its own status (API Gateway: 200, 400, 500).
 *
 * @param outcome {@code ANSWERED}: the action ran; {@code REFUSED}: an {@code error} frame, nothing changed;
 *                {@code FAILED}: an {@code INTERNAL_ERROR} frame, safe to retry
 * @param frame   the JSON frame for the caller
 */
public record Reply(Outcome outcome, String frame) {
    public enum Outcome { ANSWERED, REFUSED, FAILED }

    public Reply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(frame, "frame");
    }
}
