package io.chatkit.core.port.out;

import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each room's facts: its id, name, type, members and creation time. One storage operation per method; who may
 * change a room, and what else changes with it, is the core's rule.
 */
public interface Rooms {

    /** Stores the room, on condition that no room has its id; false, and nothing changed, when one has. */
    boolean create(Room room);

    /** The room with this id, read strongly consistent. */
    Optional<Room> find(RoomId id);

    /**
     * The rooms with these ids that exist, in no particular order. May be read eventually consistent (a room list a
     * moment behind a membership change shows the room's previous members), in batches side by side.
     */
    List<Room> findAll(Collection<RoomId> ids);

    /**
     * Adds {@code joining} to the room's members and {@code mutes} to its mutes, and keeps {@code change} as the
     * room's latest, in one write, on
     * condition that {@code by} is one of them and the room has at most {@code maxMembers - joining.size()}
     * members; concurrent additions and departures never overwrite one another. Returns the room as stored
     * afterwards; empty, and nothing changed, when the condition failed.
     */
    Optional<Room> addMembers(RoomId room, UserId by, Set<UserId> joining, int maxMembers, RoomChange change,
                              Set<Mute> mutes);

    /**
     * Takes {@code leaver} out of the room's members and {@code unmuted} out of its mutes, and keeps {@code change}
     * as the room's latest, in one write,
     * on condition that they are a member. Returns the room as stored afterwards; empty, and nothing changed, when
     * they were not.
     */
    Optional<Room> removeMember(RoomId room, UserId leaver, RoomChange change, Set<Mute> unmuted);

    /** Adds these mutes to the room's; concurrent changes of its mutes never overwrite one another. */
    void mute(RoomId room, Set<Mute> mutes);

    /** Takes these mutes out of the room's. */
    void unmute(RoomId room, Set<Mute> mutes);

    /** Deletes the room's facts (undoing a creation that cannot finish); deleting what is not there is fine. */
    void delete(RoomId room);
}
