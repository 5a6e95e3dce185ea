package io.chatkit.core.port.out;

import io.chatkit.core.domain.RoomId;

/** A room id was used twice; the first room is unchanged. */
public class RoomAlreadyExistsException extends StoreException {
    public RoomAlreadyExistsException(RoomId id) {
        super("room " + id + " already exists");
    }
}
