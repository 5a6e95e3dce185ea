package io.chatkit.core.port.out;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import java.time.Instant;

/**
 * Each user's allowance of frames, charged per frame their connections send. Every process of a deployment must
 * share it, or a user gets an allowance per process.
 */
public interface FrameAllowances {

    /**
     * Takes one frame from {@code user}'s {@code allowance} at {@code now}, on condition that {@code connection} is
     * one of the user's; concurrent takes for one user are counted exactly. Returns the connection as stored (live or
     * expired) and the frame's admission; nothing is taken, and the frame is not admitted, when the connection is not
     * one of the user's ({@link TakenFrame#notFound()}): the allowance fails closed. A store that keeps a user's
     * connections beside their allowance does it in one conditional write (the DynamoDB store: one update of the
     * user's item).
     */
    TakenFrame take(ConnectionId connection, UserId user, RateLimit allowance, Instant now);
}
