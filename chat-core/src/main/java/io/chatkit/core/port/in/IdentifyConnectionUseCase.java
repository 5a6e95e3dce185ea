package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;

/** Tells which user a live connection belongs to, for runtimes that identify users by connection. */
public interface IdentifyConnectionUseCase {

    /**
     * The connection's user, once a frame is taken from the user's allowance: what a runtime asks before every use
     * case but {@code sendMessage}, which takes its frame itself beside its first read.
     */
    Outcome<UserId> userOf(ConnectionId connectionId);

    /**
     * The connection's user without taking a frame: at no cost when the runtime has told the chat
     * ({@link #recognise}) or this process has seen the connection, else after looking it up ({@code NOT_CONNECTED}
     * if unknown, {@code SESSION_EXPIRED}, and closed, if expired). For the command of a use case that takes its
     * frame itself ({@code sendMessage}).
     */
    Outcome<UserId> whoIs(ConnectionId connectionId);

    /**
     * Tells the chat whose a connection is, when the runtime learned it from its gateway (API Gateway adds a
     * {@code $connect} authorizer's context to every event of the connection): the connection's frames in this
     * process then skip the look-up a first frame otherwise costs. Nothing is trusted blindly: taking a frame
     * still checks that the connection is one of this user's, and a wrong hint only costs the look-up again.
     */
    void recognise(ConnectionId connectionId, UserId user);
}
