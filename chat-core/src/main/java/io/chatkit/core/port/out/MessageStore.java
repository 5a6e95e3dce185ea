package io.chatkit.core.port.out;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rooms, their messages, each member's membership with its read position, and how many rooms a user belongs to.
 * Nothing is written per member when a message is sent: a user's room list is ordered, and its unread counts
 * derived, when it is read, from each room's last message and the member's read position.
 *
 * <p>A message is stored by the core's rule ({@code MessagePosting}) over the store's role ports, whose methods are
 * single storage operations with their condition: {@link #lastMessages()}, {@link #log()}, {@link #readPositions()}
 * and {@link #sendClaims()}.
 */
public interface MessageStore {

    /**
     * Stores the room, one membership per member and the room's first message.
     *
     * @throws RoomAlreadyExistsException if a room with this id exists
     * @throws TooManyRoomsException if a member already belongs to {@code maxRoomsPerUser} rooms; nothing is stored
     */
    void createRoom(Room room, Message firstMessage, int maxRoomsPerUser);

    Optional<Room> findRoom(RoomId id);

    /**
     * The rooms with these ids that exist, in no particular order. May be read eventually consistent (a room list a
     * moment behind a membership change shows the room's previous members), in batches side by side.
     */
    List<Room> findRooms(Collection<RoomId> ids);

    /**
     * Makes {@code added} members of a group room, each with the room in their list and its history counted as
     * read; members already in it stay as they are. Empty, and nothing changed, if the room would then have more
     * than {@code maxMembers} or {@code by} is no longer a member. Repeating it is harmless, so a retry after a
     * failure finishes the job. Returns the room as stored afterwards.
     *
     * @throws TooManyRoomsException if an added user already belongs to {@code maxRoomsPerUser} rooms; nothing is
     *                               changed
     */
    Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers, int maxRoomsPerUser);

    /**
     * Takes {@code leaver} out of the room: out of its members, the room out of their list at once (and one room off
     * their count); a direct room's pair may then create a new one. Empty, and nothing changed, if they were not a member. Returns the room as
     * stored afterwards.
     */
    Optional<Room> removeMember(Room room, UserId leaver);

    /**
     * Stores a direct room without a name, with its first message, unless its two members already have one they
     * both still belong to: then nothing is written and that room is returned. Of concurrent calls for the same
     * pair, exactly one room remains, whichever call was slow.
     *
     * @throws TooManyRoomsException as {@link #createRoom}
     */
    DirectRoom createDirectRoom(Room room, Message firstMessage, int maxRoomsPerUser);

    /** What {@link #createDirectRoom} did. */
    sealed interface DirectRoom {
        Room room();

        record Created(Room room) implements DirectRoom {
        }

        record Existing(Room room) implements DirectRoom {
        }
    }

    /** The rooms' newest messages, which number their messages. */
    LastMessages lastMessages();

    /** The rooms' messages at their places. */
    MessageLog log();

    /** The members' read positions. */
    ReadPositions readPositions();

    /** Senders' claims on their client message ids. */
    SendClaims sendClaims();
}
