package io.chatkit.core.service;

import io.chatkit.core.domain.RateLimit;
import java.util.Objects;

/**
 * What one user may do, whatever number of connections and processes they spread it over.
 *
 * @param frames every frame a user sends, whatever its action: beyond it every action answers
 *               {@code RATE_LIMITED} and changes nothing
 * @param roomChanges {@code createRoom} (a direct room found again included) and {@code addMembers}
 * @param connectionsPerUser live connections at once; one more is refused at connect
 * @param roomsPerUser rooms a user belongs to at once; creating or adding that would pass it is refused with
 *                     {@code TOO_MANY_ROOMS}. It bounds what listing a user's rooms reads
 */
public record ChatLimits(RateLimit frames, RateLimit roomChanges, int connectionsPerUser, int roomsPerUser) {
    /** 60 frames at once, refilled at 20 a second; 30 room changes an hour; 10 connections; 1,000 rooms. */
    public static final ChatLimits DEFAULTS = new ChatLimits(
            RateLimit.perSecond("frames", 60, 20), RateLimit.perHour("roomChanges", 30), 10, 1_000);

    public ChatLimits {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(roomChanges, "roomChanges");
        if (connectionsPerUser < 1) {
            throw new IllegalArgumentException("connectionsPerUser must be at least 1: " + connectionsPerUser);
        }
        if (roomsPerUser < 1) {
            throw new IllegalArgumentException("roomsPerUser must be at least 1: " + roomsPerUser);
        }
        if (frames.name().equals(roomChanges.name())) {
            throw new IllegalArgumentException("the two rate limits need different names: " + frames.name());
        }
    }

    public ChatLimits withFrames(int burst, int perSecond) {
        return new ChatLimits(RateLimit.perSecond(frames.name(), burst, perSecond), roomChanges, connectionsPerUser,
                roomsPerUser);
    }

    public ChatLimits withRoomChangesPerHour(int count) {
        return new ChatLimits(frames, RateLimit.perHour(roomChanges.name(), count), connectionsPerUser, roomsPerUser);
    }

    public ChatLimits withConnectionsPerUser(int count) {
        return new ChatLimits(frames, roomChanges, count, roomsPerUser);
    }

    public ChatLimits withRoomsPerUser(int count) {
        return new ChatLimits(frames, roomChanges, connectionsPerUser, count);
    }
}
