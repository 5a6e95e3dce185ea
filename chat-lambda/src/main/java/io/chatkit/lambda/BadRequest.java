package io.chatkit.lambda;

/** A request the protocol refuses before any use case runs. */
final class BadRequest extends RuntimeException {
    private final ErrorCode code;

    BadRequest(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
