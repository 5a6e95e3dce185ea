package io.chatkit.core.service;

import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.Memberships.Membership;
import io.chatkit.core.port.out.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's rooms, ordered when they are read (fan-out on read): nothing is written per member when a message is
 * sent, so the order comes from each room's last message. Three reads, whatever the traffic: the user's read
 * positions (their memberships), every room's last message, then the facts of the page's rooms. Unread is the room's
 * newest place minus the user's read position. A user belongs to a bounded number of rooms, so this is bounded too.
 */
public final class RoomListing {
    private final MessageStore store;

    public RoomListing(MessageStore store) {
        this.store = store;
    }

    /** A page of a user's rooms, and whether more follow it. */
    public record RoomList(List<RoomSummary> rooms, boolean more) {
        public RoomList {
            rooms = List.copyOf(rooms);
        }
    }

    /** A room of the list before its facts are read: where it sits and what it shows. */
    private record Entry(LastMessage last, Membership membership) {
        RoomPosition position() {
            return new RoomPosition(last.id(), last.room());
        }

        RoomSummary summary(Room room) {
            int unread = (int) Math.min(Integer.MAX_VALUE, Math.max(0, last.seq() - membership.readSeq()));
            return new RoomSummary(room, last.id(), last.preview(), unread,
                    Math.min(unread, membership.unreadMentions()), last.editedAt());
        }
    }

    /**
     * Up to {@code limit} of the user's rooms after {@code after}, the most recent last message first, each with its
     * unread count; fewer only when no more follow.
     */
    public RoomList roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        List<Entry> following = entries(user).stream()
                .filter(entry -> after.isEmpty() || RoomPosition.LIST_ORDER.compare(entry.position(), after.get()) > 0)
                .sorted((a, b) -> RoomPosition.LIST_ORDER.compare(a.position(), b.position()))
                .toList();
        List<RoomSummary> page = new ArrayList<>();
        int next = 0;
        // Normally one read. A membership whose room does not name the user (left behind by an addMembers that
        // failed part-way) is skipped, and the page filled from the entries after it: a page ends early only at the end.
        while (page.size() < limit && next < following.size()) {
            List<Entry> batch = following.subList(next, Math.min(following.size(), next + limit - page.size()));
            next += batch.size();
            Map<RoomId, Room> rooms = store.rooms().findAll(batch.stream().map(entry -> entry.last().room()).toList())
                    .stream().collect(Collectors.toMap(Room::id, Function.identity()));
            batch.stream()
                    .filter(entry -> rooms.containsKey(entry.last().room())
                            && rooms.get(entry.last().room()).hasMember(user))
                    .map(entry -> entry.summary(rooms.get(entry.last().room())))
                    .forEach(page::add);
        }
        return new RoomList(page, next < following.size());
    }

    /** Every room of the user that has a last message (a room whose creation has not finished has none yet). */
    private List<Entry> entries(UserId user) {
        Map<RoomId, Membership> memberships = store.memberships().membershipsOf(user);
        return store.lastMessages().newestOf(memberships.keySet()).stream()
                .map(last -> new Entry(last, memberships.get(last.room())))
                .toList();
    }
}
