package io.chatkit.core.port.out;

/** What happened to one push. */
public sealed interface PushResult {

    /** The connection got it. */
    record Delivered() implements PushResult {
    }

    /** The connection no longer exists (API Gateway's 410); the chat forgets it. */
    record Gone() implements PushResult {
    }

    /** The push did not get through; the connection is kept. */
    record Failed(Reason reason, String detail) implements PushResult {
    }

    enum Reason {
        /** Still throttled after the allowed retries. */
        THROTTLED,
        /** Not allowed to post: a deployment or permission error, not the connection's fault. */
        FORBIDDEN,
        /** The notification is larger than the gateway accepts; retrying cannot help. */
        PAYLOAD_TOO_LARGE,
        /** No answer in time. */
        TIMEOUT,
        /** Anything else. */
        ERROR
    }

    static PushResult delivered() {
        return new Delivered();
    }

    static PushResult gone() {
        return new Gone();
    }

    static PushResult failed(Reason reason, String detail) {
        return new Failed(reason, detail);
    }
}
