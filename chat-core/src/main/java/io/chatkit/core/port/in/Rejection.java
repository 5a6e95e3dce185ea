package io.chatkit.core.port.in;

import java.util.Objects;

/** Why a request was refused. Nothing was changed. The code is stable; the message is for people. */
public record Rejection(Code code, String message) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
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
        /** A field breaks a rule (size, characters, count). */
        INVALID_INPUT
    }
}
