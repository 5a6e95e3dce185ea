package io.chatkit.core.port.in;

import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Creates a room of the creator and the other members: two members make a direct room, three to
 * fifty a group. Members who are online are told.
 */
public interface CreateRoomUseCase {

    Outcome<Room> createRoom(CreateRoomCommand command);

    record CreateRoomCommand(UserId creator, Set<UserId> otherMembers, RoomName name) {
        public CreateRoomCommand {
            Objects.requireNonNull(creator, "creator");
            Objects.requireNonNull(name, "name");
            otherMembers = Set.copyOf(otherMembers);
        }
    }
}
