package io.chatkit.core.service;

import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.in.MarkUnreadUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.MessageStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code markUnread}: the room (membership), the message's place, then the read position moved back in one
 * conditional write, the room's newest place for the count, and a push to the member's other connections.
 */
final class MarkUnreadService implements MarkUnreadUseCase {
    private final MessageStore messages;
    private final Broadcaster broadcaster;
    private final Clock clock;

    MarkUnreadService(MessageStore messages, Broadcaster broadcaster, Clock clock) {
        this.messages = messages;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Override
    public Outcome<Unread> markUnread(MarkUnreadCommand command) {
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.reader())
                .then(room -> {
                    OptionalLong place = messages.log().placeOf(command.roomId(), command.from());
                    if (place.isEmpty()) {
                        return Outcome.rejected(Code.UNKNOWN_MESSAGE,
                                "room " + command.roomId() + " has no message " + command.from());
                    }
                    long readUpTo = place.getAsLong() - 1;
                    if (messages.memberships().moveBackTo(command.roomId(), command.reader(), readUpTo,
                            clock.instant()).isEmpty()) {
                        // behind it already: it was unread, and so is everything after it
                        readUpTo = messages.memberships().ofMembers(command.roomId(), List.of(command.reader()))
                                .getOrDefault(command.reader(), readUpTo);
                    }
                    long newest = messages.lastMessages().newest(command.roomId()).map(LastMessage::seq)
                            .orElse(readUpTo);
                    Unread unread = new Unread(command.roomId(), (int) Math.min(Integer.MAX_VALUE,
                            Math.max(0, newest - readUpTo)));
                    broadcaster.tellUsersBut(List.of(command.reader()), Optional.of(command.connection()),
                            new Notification.MarkedUnread(command.roomId(), command.reader(), unread.unreadCount()));
                    return Outcome.accepted(unread);
                });
    }
}
