package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.LastMessages;
import io.chatkit.core.port.out.MessageLog;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.ReadPositions;
import io.chatkit.core.port.out.SendClaims;
import io.chatkit.core.port.out.RoomAlreadyExistsException;
import io.chatkit.core.port.out.TooManyRoomsException;
import io.chatkit.core.port.out.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rooms, messages and memberships on the seed's keys, without transactions: every rule is a conditional write on
 * one item, and what a request costs depends on what it does, not on how much the room holds or how many members
 * it has (see docs/dynamodb-design.md for the items, the rules and the request budget).
 *
 * <p>Each message has a place in its room ({@code seq}: 1, 2, 3, …), taken from LASTMESSAGE, which also holds the
 * room's newest message. Each member's membership holds their read position. A send writes the message,
 * LASTMESSAGE and the sender's read position, nothing per member; a user's room list is ordered from each room's
 * LASTMESSAGE when it is read, the unread count is the room's place minus the read position, and {@code readBy} is
 * derived from the read positions.
 */
public final class DynamoDbMessageStore implements MessageStore {
    /** How often a direct room's claim is read again when other creations of the pair's room keep racing this one. */
    private static final int CLAIM_ATTEMPTS = 5;

    private final Table table;
    private final Memberships memberships;
    private final DynamoDbLastMessages lastMessages;
    private final DynamoDbMessageLog log;
    private final DynamoDbSendClaims sendClaims;

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this.table = new Table(dynamoDb, tableName, executor);
        this.memberships = new Memberships(table);
        this.lastMessages = new DynamoDbLastMessages(table);
        this.log = new DynamoDbMessageLog(table);
        this.sendClaims = new DynamoDbSendClaims(table);
    }

    @Override
    public LastMessages lastMessages() {
        return lastMessages;
    }

    @Override
    public MessageLog log() {
        return log;
    }

    @Override
    public ReadPositions readPositions() {
        return memberships;
    }

    @Override
    public SendClaims sendClaims() {
        return sendClaims;
    }

    /**
     * METADATA first (it claims the id), then every member's membership and room count, then the first message
     * and LASTMESSAGE: a membership shows in a list only once its room has a LASTMESSAGE, so a room is listed
     * complete or not at all. A member at their room limit undoes it all.
     */
    @Override
    public void createRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        boolean claimed = table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(Items.room(room))
                .conditionExpression("attribute_not_exists(PK)")));
        // A retried request whose first attempt did write (the answer was lost) finds its own room: go on.
        if (!claimed && !findRoom(room.id()).filter(room::equals).isPresent()) {
            throw new RoomAlreadyExistsException(room.id());
        }
        List<UserId> members = List.copyOf(room.members());
        List<Memberships.Joined> joined = table.concurrently(members, member -> memberships.join(room.id(), member,
                firstMessage.isReadBy(member) ? 1 : 0, maxRoomsPerUser));
        Set<UserId> full = new TreeSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (joined.get(i) == Memberships.Joined.TOO_MANY_ROOMS) {
                full.add(members.get(i));
            }
        }
        if (!full.isEmpty()) {
            remove(room, firstMessage);
            throw new TooManyRoomsException(full, maxRoomsPerUser);
        }
        table.batchWrite(List.of(put(Items.message(firstMessage, 1)), put(Items.lastMessage(firstMessage, 1))));
    }

    /** Undoes {@link #createRoom}: the memberships (and their counts), the first message, LASTMESSAGE, METADATA. */
    private void remove(Room room, Message firstMessage) {
        table.concurrently(List.copyOf(room.members()), member -> memberships.leave(room.id(), member));
        table.concurrently(List.of(Keys.LASTMESSAGE, Keys.message(firstMessage.id()), Keys.METADATA), sk ->
                table.call("DeleteItem", () -> table.client.deleteItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room.id()), sk)))));
    }

    /**
     * The pair's claim ({@code DIRECTROOM#{a}#{b}}, naming their room) is read first: a room it names that both
     * still belong to is returned, and nothing written. Otherwise the room is created in full, and only then
     * claimed, under the condition that the claim is still what was read; a creation that loses that race to
     * another one removes its own room and returns the other. So a claim always names a room that exists, a claim
     * left behind by a leave that failed part-way is taken over, and however slow a creator is, one room remains.
     */
    @Override
    public DirectRoom createDirectRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        List<UserId> pair = List.copyOf(room.members());
        String claim = Keys.directRoom(pair.get(0), pair.get(1));
        boolean created = false;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Optional<String> claimed = table.getItem(claim, Keys.METADATA).map(item -> item.get(Items.ROOM_ID).s());
            if (claimed.isPresent() && claimed.get().equals(room.id().value())) {
                return new DirectRoom.Created(room); // a retried claim whose first attempt applied
            }
            Optional<Room> existing = claimed.flatMap(id -> findRoom(RoomId.of(id)))
                    .filter(found -> found.members().containsAll(pair));
            if (existing.isPresent()) {
                if (created) {
                    remove(room, firstMessage);
                }
                return new DirectRoom.Existing(existing.get());
            }
            if (!created) {
                createRoom(room, firstMessage, maxRoomsPerUser);
                created = true;
            }
            if (claim(claim, room.id(), claimed)) {
                return new DirectRoom.Created(room);
            }
        }
        if (created) {
            remove(room, firstMessage); // never claimed: no room of the pair may be left that its claim does not name
        }
        throw new StoreException("the direct room of " + pair + " is being created by others at the same time; "
                + "try again");
    }

    /** Claims the pair for the room, if the claim is still as it was read: absent, or naming {@code stale}. */
    private boolean claim(String claim, RoomId room, Optional<String> stale) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table.name)
                .item(Table.item(Keys.PK, s(claim), Keys.SK, s(Keys.METADATA), Items.ROOM_ID, s(room.value())));
        if (stale.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("roomId = :stale").expressionAttributeValues(Map.of(":stale", s(stale.get())));
        }
        return table.conditionally(() -> table.client.putItem(put.build()));
    }

    /**
     * The added members' memberships first (each only if missing, each counted against the member's room limit),
     * then the members themselves, in one conditional {@code ADD} to the METADATA string set: concurrent additions
     * and departures never overwrite one another, and a membership the room's METADATA does not confirm is
     * invisible (list rooms shows rooms one is a member of). When the room turns out full, or an added user has too
     * many rooms, the memberships just written are taken back.
     */
    @Override
    public Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers, int maxRoomsPerUser) {
        Set<UserId> joining = new TreeSet<>(added);
        joining.removeAll(room.members());
        if (joining.isEmpty()) {
            return findRoom(room.id()).filter(found -> found.hasMember(by));
        }
        Map<String, AttributeValue> last = table.getItem(Keys.room(room.id()), Keys.LASTMESSAGE)
                .orElseThrow(() -> new StoreException("room " + room.id() + " has no LASTMESSAGE"));
        long readSeq = Items.seq(last, Items.SEQ);
        List<UserId> candidates = List.copyOf(joining);
        List<Memberships.Joined> joined = table.concurrently(candidates,
                member -> memberships.join(room.id(), member, readSeq, maxRoomsPerUser));
        List<UserId> counted = new ArrayList<>();
        Set<UserId> full = new TreeSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            switch (joined.get(i)) {
                case JOINED -> counted.add(candidates.get(i));
                case TOO_MANY_ROOMS -> full.add(candidates.get(i));
                case ALREADY_JOINED -> { }
            }
        }
        if (!full.isEmpty()) {
            table.concurrently(counted, member -> memberships.leave(room.id(), member));
            throw new TooManyRoomsException(full, maxRoomsPerUser);
        }
        int most = Math.min(maxMembers, room.type().maxMembers());
        Optional<Room> after = table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room.id()), Keys.METADATA))
                        .updateExpression("ADD members :joining")
                        .conditionExpression("contains(members, :by) AND size(members) <= :room")
                        .expressionAttributeValues(Map.of(":joining", Items.users(joining),
                                ":by", s(by.value()), ":room", n(most - joining.size())))
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .map(Items::room);
        if (after.isEmpty()) {
            table.concurrently(counted, member -> memberships.leave(room.id(), member));
        }
        return after;
    }

    /**
     * The leaver's membership first (the room leaves their list at once), then the conditional {@code DELETE}
     * from the METADATA string set beside taking the room off the leaver's count, then a direct room's pair claim, so that the pair may start a new one (a claim
     * this step fails to remove is taken over by the pair's next creation: it names a room they no longer share).
     */
    @Override
    public Optional<Room> removeMember(Room room, UserId leaver) {
        CompletableFuture<Void> uncounted = memberships.remove(room.id(), leaver)
                ? table.async(() -> {
                    memberships.uncount(leaver);
                    return null;
                })
                : CompletableFuture.completedFuture(null);
        Optional<Room> after = table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room.id()), Keys.METADATA))
                        .updateExpression("DELETE members :leaver")
                        .conditionExpression("contains(members, :member)")
                        .expressionAttributeValues(Map.of(":leaver", Items.users(List.of(leaver)),
                                ":member", s(leaver.value())))
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .map(Items::room);
        if (after.isPresent() && room.type() == RoomType.DIRECT && room.members().size() == 2) {
            List<UserId> pair = List.copyOf(room.members());
            table.conditionally(() -> table.client.deleteItem(b -> b.tableName(table.name)
                    .key(Keys.key(Keys.directRoom(pair.get(0), pair.get(1)), Keys.METADATA))
                    .conditionExpression("roomId = :room")
                    .expressionAttributeValues(Map.of(":room", s(room.id().value())))));
        }
        Table.join(uncounted);
        return after;
    }

    @Override
    public Optional<Room> findRoom(RoomId id) {
        return table.getItem(Keys.room(id), Keys.METADATA).map(Items::room);
    }

    /** One BatchGetItem per 100 rooms, side by side, eventually consistent (half the read units). */
    @Override
    public List<Room> findRooms(Collection<RoomId> ids) {
        return table.batchGet(ids.stream().map(id -> Keys.key(Keys.room(id), Keys.METADATA)).toList(), false, null)
                .stream().map(Items::room).toList();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
