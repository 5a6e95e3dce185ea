package io.chatkit.lambda;

/** The stable codes of {@code error} frames. Clients may switch on them; they never change meaning. */
public enum ErrorCode {
    /** The body is not JSON, or not a JSON object. */
    INVALID_JSON,
    /** The {@code action} is missing or names no action of the protocol. */
    UNKNOWN_ACTION,
    /** A required field is missing. */
    MISSING_FIELD,
    /** A field has the wrong type or breaks a rule (length, characters, range). */
    INVALID_INPUT,
    /** The frame is larger than API Gateway's 128 KB message limit. */
    FRAME_TOO_LARGE,
    /** The connection is unknown or expired: reconnect. */
    NOT_CONNECTED,
    UNKNOWN_ROOM,
    NOT_A_MEMBER,
    UNKNOWN_MESSAGE,
    INVALID_CURSOR,
    /** Something failed on our side; the request may be retried (with the same clientMessageId). */
    INTERNAL_ERROR
}
