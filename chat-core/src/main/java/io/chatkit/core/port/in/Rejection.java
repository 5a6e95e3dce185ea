package io.chatkit.core.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a request was refused. Nothing was changed. The code is stable; the message is for people;
 * {@code retryAfter} says how long to wait before trying again ({@code RATE_LIMITED}), zero when waiting does not
 * help.
 */
public record Rejection(Code code, String message, Duration retryAfter) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    public Rejection(Code code, String message) {
        this(code, message, Duration.ZERO);
    }

    public enum Code {
        /** The request came over a connection the chat does not know. */
        NOT_CONNECTED,
        /** The connection outlived its token (or its time): it is closed; sign in again and reconnect. */
        SESSION_EXPIRED,
        /** No room has that id. */
        UNKNOWN_ROOM,
        /** The user is not a member of that room. */
        NOT_A_MEMBER,
        /** The room has no message with that id. */
        UNKNOWN_MESSAGE,
        /** The cursor was not issued for this list. */
        INVALID_CURSOR,
        /** The change cursor is older than the changes a room keeps: reload the room's messages. */
        CHANGES_EXPIRED,
        /**
         * No upload was granted to the sender in that room under that attachment id, or its file was not uploaded,
         * or another message took it.
         */
        UNKNOWN_ATTACHMENT,
        /** A field breaks a rule (size, characters, count). */
        INVALID_INPUT,
        /** The user used up an allowance (frames, room changes, connections); try again after {@code retryAfter}. */
        RATE_LIMITED,
        /** A user would belong to more rooms than they may ({@code ChatLimits.roomsPerUser}); nothing was changed. */
        TOO_MANY_ROOMS,
        /**
         * A user named in a room change blocked the caller: they are not put in a room by them (no new room, no
         * addition); nothing was changed.
         */
        BLOCKED
    }
}
