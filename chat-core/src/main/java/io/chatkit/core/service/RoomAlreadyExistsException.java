package io.chatkit.core.service;

import io.chatkit.core.domain.RoomId;

/** A room id was used twice; the first room is unchanged. */
public final class RoomAlreadyExistsException extends RuntimeException {
    public RoomAlreadyExistsException(RoomId id) {
        super("room " + id + " already exists");
    }
}
