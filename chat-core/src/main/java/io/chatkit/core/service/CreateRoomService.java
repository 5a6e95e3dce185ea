package io.chatkit.core.service;

import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.CreateRoomUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

public final class CreateRoomService implements CreateRoomUseCase {
    static final MessageContent ROOM_CREATED = MessageContent.of("room created");

    private final RoomChanges rooms;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final IdGenerator ids;
    private final Allowances allowances;
    private final int maxRoomsPerUser;

    CreateRoomService(RoomChanges rooms, Broadcaster broadcaster, Clock clock, IdGenerator ids,
                      Allowances allowances, int maxRoomsPerUser) {
        this.allowances = allowances;
        this.maxRoomsPerUser = maxRoomsPerUser;
        this.rooms = rooms;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Outcome<CreatedRoom> createOrReuse(CreateRoomCommand command) {
        Set<UserId> members = new HashSet<>(command.otherMembers());
        members.add(command.creator());
        // Milliseconds, as stored: a retried write compares the room it finds with the one it meant to write.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Room room;
        try {
            room = Room.create(RoomId.of(ids.next()), command.name(), members, now);
        } catch (InvalidInputException e) {
            return Outcome.rejected(Code.INVALID_INPUT, e.getMessage());
        }
        return allowances.admitRoomChange(command.creator(), now).then(creator -> create(command, room, now));
    }

    private Outcome<CreatedRoom> create(CreateRoomCommand command, Room room, Instant now) {
        Message created = Message.system(room.id(), MessageId.of(now, ids.next()), command.creator(), ROOM_CREATED,
                room.members());
        try {
            if (room.type() == RoomType.DIRECT && room.name().equals(RoomName.NONE)) {
                RoomChanges.DirectRoom direct = rooms.createDirectRoom(room, created, maxRoomsPerUser);
                if (direct instanceof RoomChanges.DirectRoom.Existing existing) {
                    return Outcome.accepted(new CreatedRoom(existing.room(), true));
                }
            } else {
                rooms.createRoom(room, created, maxRoomsPerUser);
            }
        } catch (TooManyRoomsException e) {
            return RoomGuard.tooManyRooms(e);
        } catch (BlockedException e) {
            return RoomGuard.blocked(e);
        }
        broadcaster.tellUsersBut(room.members(), command.answered(), new Notification.RoomCreated(room));
        return Outcome.accepted(new CreatedRoom(room, false));
    }
}
