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
 * @param connects connections a user opens: beyond it a connect is refused ({@code RATE_LIMITED}, 429), so that
 *                 reconnecting in a loop cannot take what a closed connection's limits took
 * @param refusalsInARow frames of one connection refused one after another (invalid, or beyond the allowance)
 *                       before the connection is closed
 */
public record ChatLimits(RateLimit frames, RateLimit roomChanges, int connectionsPerUser, int roomsPerUser,
                         RateLimit connects, int refusalsInARow, RateLimit messageChanges) {
    /**
     * 60 frames at once, refilled at 20 a second; 30 room changes an hour; 10 connections; 1,000 rooms; 20 connects
     * at once, refilled at one every 3 seconds (20 a minute); a connection closed after 20 refused frames in a row;
     * 60 edits and deletes an hour.
     */
    public static final ChatLimits DEFAULTS = new ChatLimits(
            RateLimit.perSecond("frames", 60, 20), RateLimit.perHour("roomChanges", 30), 10, 1_000,
            RateLimit.perMinute("connects", 20, 20), 20, RateLimit.perHour("messageChanges", 60));

    /** The limits before edits and deletes had an allowance of their own: 60 an hour. */
    public ChatLimits(RateLimit frames, RateLimit roomChanges, int connectionsPerUser, int roomsPerUser,
                      RateLimit connects, int refusalsInARow) {
        this(frames, roomChanges, connectionsPerUser, roomsPerUser, connects, refusalsInARow,
                RateLimit.perHour("messageChanges", 60));
    }

    public ChatLimits {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(roomChanges, "roomChanges");
        Objects.requireNonNull(connects, "connects");
        Objects.requireNonNull(messageChanges, "messageChanges");
        if (java.util.stream.Stream.of(frames, roomChanges, connects, messageChanges).map(RateLimit::name).distinct()
                .count() < 4) {
            throw new IllegalArgumentException("the rate limits need different names");
        }
        if (refusalsInARow < 1) {
            throw new IllegalArgumentException("refusalsInARow must be at least 1: " + refusalsInARow);
        }
        if (connects.name().equals(frames.name()) || connects.name().equals(roomChanges.name())) {
            throw new IllegalArgumentException("the rate limits need different names: " + connects.name());
        }
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
                roomsPerUser, connects, refusalsInARow, messageChanges);
    }

    public ChatLimits withRoomChangesPerHour(int count) {
        return new ChatLimits(frames, RateLimit.perHour(roomChanges.name(), count), connectionsPerUser, roomsPerUser,
                connects, refusalsInARow, messageChanges);
    }

    public ChatLimits withConnectionsPerUser(int count) {
        return new ChatLimits(frames, roomChanges, count, roomsPerUser, connects, refusalsInARow, messageChanges);
    }

    public ChatLimits withRoomsPerUser(int count) {
        return new ChatLimits(frames, roomChanges, connectionsPerUser, count, connects, refusalsInARow, messageChanges);
    }

    public ChatLimits withConnectsPerMinute(int burst, int perMinute) {
        return new ChatLimits(frames, roomChanges, connectionsPerUser, roomsPerUser,
                RateLimit.perMinute(connects.name(), burst, perMinute), refusalsInARow, messageChanges);
    }

    public ChatLimits withRefusalsInARow(int count) {
        return new ChatLimits(frames, roomChanges, connectionsPerUser, roomsPerUser, connects, count, messageChanges);
    }

    public ChatLimits withMessageChangesPerHour(int count) {
        return new ChatLimits(frames, roomChanges, connectionsPerUser, roomsPerUser, connects, refusalsInARow,
                RateLimit.perHour(messageChanges.name(), count));
    }
}
