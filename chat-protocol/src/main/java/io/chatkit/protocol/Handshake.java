package io.chatkit.protocol;

import io.chatkit.core.port.in.Rejection;

/** How a WebSocket handshake answers a refused connect, the same in every runtime. */
public final class Handshake {
    private Handshake() {
    }

    /**
     * 401 when the credentials are no good for a connection ({@code SESSION_EXPIRED}: a token that expired within
     * the verifier's clock skew), 429 when the user has too many connections ({@code RATE_LIMITED}).
     */
    public static int refusalStatus(Rejection rejection) {
        return rejection.code() == Rejection.Code.SESSION_EXPIRED ? 401 : 429;
    }
}
