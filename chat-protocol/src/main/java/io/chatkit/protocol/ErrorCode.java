package io.chatkit.protocol;

import io.chatkit.core.port.in.Rejection;

/** The stable codes of {@code error} frames. Clients may switch on them; they never change meaning. */
public enum ErrorCode {
    /** The body is not JSON, or not a JSON object (duplicate keys and trailing content included). */
    INVALID_JSON,
    /** The {@code action} is missing or names no action of the protocol. */
    UNKNOWN_ACTION,
    /** A required field is missing. */
    MISSING_FIELD,
    /** A field has the wrong type or breaks a rule (length, characters, range, unpaired surrogates). */
    INVALID_INPUT,
    /** The frame is larger than API Gateway's 128 KB message limit. */
    FRAME_TOO_LARGE,
    /** The connection is unknown: reconnect. */
    NOT_CONNECTED,
    /** The connection outlived its token: it is closed; get a fresh token and reconnect. */
    SESSION_EXPIRED,
    /** No room has that id. */
    UNKNOWN_ROOM,
    /** The caller is not a member of that room. */
    NOT_A_MEMBER,
    /** The room has no message with that id. */
    UNKNOWN_MESSAGE,
    /** The cursor was not issued for this list. */
    INVALID_CURSOR,
    /**
     * The user used up an allowance (frames a second, room changes an hour): nothing was changed; the frame
     * carries {@code retryAfterMs}, after which the same request may be sent again.
     */
    RATE_LIMITED,
    /**
     * Creating the room or adding the members would put a user in more rooms than they may belong to (1,000 by
     * default); the message names them. Nothing was changed: they must leave a room first.
     */
    TOO_MANY_ROOMS,
    /**
     * A user named in {@code createRoom} or {@code addMembers} blocked the caller: they are not put in a room by
     * them. Nothing was changed; the message does not say who.
     */
    BLOCKED,
    /**
     * {@code getChanges} from a cursor older than the changes a room keeps (30 days): reload the room's messages
     * ({@code getMessages}) and start again from {@code getChanges} without {@code since}.
     */
    CHANGES_EXPIRED,
    /**
     * {@code sendMessage} names an attachment that was not granted to the caller in that room, was never uploaded,
     * or went with another message; nothing was stored.
     */
    UNKNOWN_ATTACHMENT,
    /**
     * Pushed, not a reply: the connection's last frames were all refused (20 in a row by default: invalid, or beyond the allowance), and the connection is closed right after this frame.
     */
    TOO_MANY_REFUSALS,
    /** Something failed on our side; the request may be retried (with the same clientMessageId). */
    INTERNAL_ERROR;

    /** The code of a use case's rejection: the compiler checks that every rejection has one. */
    static ErrorCode of(Rejection.Code code) {
        return switch (code) {
            case NOT_CONNECTED -> NOT_CONNECTED;
            case SESSION_EXPIRED -> SESSION_EXPIRED;
            case UNKNOWN_ROOM -> UNKNOWN_ROOM;
            case NOT_A_MEMBER -> NOT_A_MEMBER;
            case UNKNOWN_MESSAGE -> UNKNOWN_MESSAGE;
            case INVALID_CURSOR -> INVALID_CURSOR;
            case INVALID_INPUT -> INVALID_INPUT;
            case RATE_LIMITED -> RATE_LIMITED;
            case TOO_MANY_ROOMS -> TOO_MANY_ROOMS;
            case BLOCKED -> BLOCKED;
            case CHANGES_EXPIRED -> CHANGES_EXPIRED;
            case UNKNOWN_ATTACHMENT -> UNKNOWN_ATTACHMENT;
        };
    }
}
