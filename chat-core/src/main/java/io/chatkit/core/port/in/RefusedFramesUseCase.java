package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;

/**
 * What a refused frame costs. Every frame pays, whatever it holds: one the protocol refuses before any use case runs
 * (not JSON, an unknown action, a field that breaks a rule) is taken from its user's frame allowance as an answered
 * one is. A connection whose frames keep being refused — {@code ChatLimits.refusalsInARow} in a row, invalid or
 * beyond the allowance — is told so ({@code TOO_MANY_REFUSALS}), closed at the gateway and forgotten: a socket looping
 * bad frames stops using up what the stage shares.
 */
public interface RefusedFramesUseCase {

    /**
     * A frame of the connection was refused: charged to its user when {@code beforeAnyUseCase} (a use case charges
     * its own frames), and counted. True if this refusal closed the connection.
     */
    boolean refused(ConnectionId connection, boolean beforeAnyUseCase);

    /** A frame of the connection was answered: its run of refusals ends. */
    void answered(ConnectionId connection);
}
