package io.chatkit.adapter.dynamodb;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore.RoomList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's rooms, ordered when they are read (fan-out on read): nothing is written per member when a message is
 * sent, so the order comes from each room's LASTMESSAGE. Three rounds, whatever the traffic: the user's memberships
 * (one Query), every room's LASTMESSAGE (one BatchGetItem per 100 rooms, side by side), then the METADATA of the
 * page's rooms (one BatchGetItem). A user belongs to a bounded number of rooms, so this is bounded too.
 *
 * <p>LASTMESSAGE and METADATA are read eventually consistent (half the read units): a list a moment behind a send
 * or a membership change shows the room's previous last message or members, which the pushes that follow correct.
 * The memberships are read strongly consistent, so that a room one just joined or left shows so at once.
 */
final class RoomLists {
    private static final String LAST_MESSAGE_PROJECTION = "PK, lastMessageId, preview, seq";

    private final Table table;
    private final Memberships memberships;

    RoomLists(Table table, Memberships memberships) {
        this.table = table;
        this.memberships = memberships;
    }

    /** A room of the list before its facts are read: where it sits and what it shows. */
    private record Entry(RoomId roomId, Map<String, AttributeValue> lastMessage, long readSeq) {
        RoomPosition position() {
            return new RoomPosition(MessageId.of(lastMessage.get(Items.LAST_MESSAGE_ID).s()), roomId);
        }
    }

    RoomList roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        List<Entry> following = entries(user).stream()
                .filter(entry -> after.isEmpty() || RoomPosition.LIST_ORDER.compare(entry.position(), after.get()) > 0)
                .sorted((a, b) -> RoomPosition.LIST_ORDER.compare(a.position(), b.position()))
                .toList();
        List<RoomSummary> page = new ArrayList<>();
        int next = 0;
        // Normally one batch. A membership whose room does not name the user (left behind by an addMembers that
        // failed part-way) is skipped, and the page filled from the entries after it: a page ends early only at the end.
        while (page.size() < limit && next < following.size()) {
            List<Entry> batch = following.subList(next, Math.min(following.size(), next + limit - page.size()));
            next += batch.size();
            Map<String, Room> rooms = new HashMap<>();
            table.batchGet(batch.stream().map(entry -> Keys.key(Keys.room(entry.roomId()), Keys.METADATA)).toList(),
                    false, null).forEach(item -> rooms.put(item.get(Keys.PK).s(), Items.room(item)));
            batch.stream()
                    .filter(entry -> rooms.containsKey(Keys.room(entry.roomId()))
                            && rooms.get(Keys.room(entry.roomId())).hasMember(user))
                    .map(entry -> Items.summary(rooms.get(Keys.room(entry.roomId())), entry.lastMessage(), entry.readSeq()))
                    .forEach(page::add);
        }
        return new RoomList(page, next < following.size());
    }

    /** Every room of the user that has a last message (a room whose creation has not finished has none yet). */
    private List<Entry> entries(UserId user) {
        Map<RoomId, Long> readPositions = memberships.ofUser(user);
        List<Map<String, AttributeValue>> keys = readPositions.keySet().stream()
                .map(room -> Keys.key(Keys.room(room), Keys.LASTMESSAGE)).toList();
        List<Entry> entries = new ArrayList<>();
        table.batchGet(keys, false, LAST_MESSAGE_PROJECTION).forEach(item -> {
            RoomId room = RoomId.of(item.get(Keys.PK).s().substring(Keys.ROOM_PREFIX.length()));
            entries.add(new Entry(room, item, readPositions.get(room)));
        });
        return entries;
    }
}
