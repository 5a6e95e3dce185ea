package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a room of the creator and the other members: two members make a direct room, three to
 * fifty a group. Members who are online are told (but the connection the room is the reply to). Two people have one direct room without a name: asking
 * for it again returns that room ({@code existing}), tells nobody and writes nothing.
 */
public interface CreateRoomUseCase {

    Outcome<CreatedRoom> createOrReuse(CreateRoomCommand command);

    /** {@link #createOrReuse}, for callers that only want the room. */
    default Outcome<Room> createRoom(CreateRoomCommand command) {
        return createOrReuse(command).then(created -> Outcome.accepted(created.room()));
    }

    /** The room, and whether it was there already (the pair's direct room). */
    record CreatedRoom(Room room, boolean existing) {
        public CreatedRoom {
            Objects.requireNonNull(room, "room");
        }
    }

    /**
     * {@code answered}: the creator's connection that gets the room as its reply, and so is not also told with a
     * push (their other connections are); empty when the room is not created over a connection.
     */
    record CreateRoomCommand(UserId creator, Set<UserId> otherMembers, RoomName name, Optional<ConnectionId> answered) {
        public CreateRoomCommand(UserId creator, Set<UserId> otherMembers, RoomName name) {
            this(creator, otherMembers, name, Optional.empty());
        }

        public CreateRoomCommand {
            Objects.requireNonNull(creator, "creator");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(answered, "answered");
            otherMembers = Set.copyOf(otherMembers);
        }
    }
}
