package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;

/** Tells which user a live connection belongs to, for runtimes that identify users by connection. */
public interface IdentifyConnectionUseCase {

    Outcome<UserId> userOf(ConnectionId connectionId);
}
