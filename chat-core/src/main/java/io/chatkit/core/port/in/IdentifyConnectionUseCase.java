package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;

/** Tells which user a live connection belongs to, for runtimes that identify users by connection. */
public interface IdentifyConnectionUseCase {

    Outcome<UserId> userOf(ConnectionId connectionId);

    /**
     * Tells the chat whose a connection is, when the runtime learned it from its gateway (API Gateway adds a
     * {@code $connect} authorizer's context to every event of the connection): the connection's frames in this
     * process then skip the look-up a first frame otherwise costs. Nothing is trusted blindly: taking a frame
     * still checks that the connection is one of this user's, and a wrong hint only costs the look-up again.
     */
    void recognise(ConnectionId connectionId, UserId user);
}
