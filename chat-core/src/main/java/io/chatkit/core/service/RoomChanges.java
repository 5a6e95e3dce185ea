package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.DirectRoomClaims.Pair;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Creating rooms and changing their members, over the store's single operations and without transactions: every
 * step is a conditional write of one item, ordered so that what a reader can see is always consistent — a
 * membership shows in a list only once its room has a newest message and names the member — and so that a step that
 * fails, or a retry of the whole, leaves nothing a later step cannot finish or undo. A member's rooms are counted
 * ({@code maxRoomsPerUser}) as they join and leave.
 */
public final class RoomChanges {
    /** How often a direct room's claim is read again when other creations of the pair's room keep racing this one. */
    private static final int CLAIM_ATTEMPTS = 5;

    private final MessageStore store;
    private final Executor executor;

    /** Runs the independent writes of a change (one per member, say) side by side, on {@code executor}. */
    public RoomChanges(MessageStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Runs every write on the calling thread, one after the other (tools and tests). */
    public RoomChanges(MessageStore store) {
        this(store, Runnable::run);
    }

    /** What {@link #createDirectRoom} did. */
    public sealed interface DirectRoom {
        Room room();

        record Created(Room room) implements DirectRoom {
        }

        record Existing(Room room) implements DirectRoom {
        }
    }

    /** What joining a room did for one member. */
    private enum Joined { JOINED, ALREADY_JOINED, TOO_MANY_ROOMS }

    /**
     * Stores the room (its facts first: they claim the id), then every member's membership and count, then the
     * first message and the room's newest. A member at their room limit, or one who blocked the creator, undoes it
     * all; members who blocked one another are muted for each other in the room.
     *
     * @throws RoomAlreadyExistsException if another room has this id
     * @throws TooManyRoomsException if a member already belongs to {@code maxRoomsPerUser} rooms; nothing is kept
     * @throws BlockedException if a member blocked the creator (the first message's sender); nothing is kept
     */
    public void createRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        // A retried request whose first attempt did write (its answer was lost) finds its own room (perhaps muted
        // already): go on.
        if (!store.rooms().create(room)
                && store.rooms().find(room.id()).filter(found -> found.withMutes(Set.of()).equals(room)).isEmpty()) {
            throw new RoomAlreadyExistsException(room.id());
        }
        List<UserId> members = List.copyOf(room.members());
        List<Joined> joined = SideBySide.each(executor, members, member -> join(room.id(), member,
                firstMessage.isReadBy(member) ? 1 : 0, maxRoomsPerUser));
        Set<UserId> full = new TreeSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (joined.get(i) == Joined.TOO_MANY_ROOMS) {
                full.add(members.get(i));
            }
        }
        if (!full.isEmpty()) {
            remove(room, firstMessage);
            throw new TooManyRoomsException(full, maxRoomsPerUser);
        }
        // After the memberships, so that a block made meanwhile either is read here or finds the room shared
        Map<UserId, Set<UserId>> blocks = store.blocks().blockedByEach(members);
        UserId creator = firstMessage.senderId();
        Set<UserId> refusing = blockersOf(creator, members, blocks);
        if (!refusing.isEmpty()) {
            remove(room, firstMessage);
            throw new BlockedException(refusing, creator);
        }
        Set<Mute> mutes = mutesAmong(room.members(), room.members(), blocks);
        if (!mutes.isEmpty()) {
            store.rooms().mute(room.id(), mutes);
        }
        store.log().addFirst(firstMessage);
    }

    /** Those of {@code users} who blocked {@code actor}. */
    private static Set<UserId> blockersOf(UserId actor, Collection<UserId> users, Map<UserId, Set<UserId>> blocks) {
        Set<UserId> blockers = new TreeSet<>();
        users.stream().filter(user -> blocks.getOrDefault(user, Set.of()).contains(actor)).forEach(blockers::add);
        return blockers;
    }

    /** A mute for every pair of members, one of them among {@code joining}, where one blocked the other. */
    private static Set<Mute> mutesAmong(Set<UserId> joining, Set<UserId> members, Map<UserId, Set<UserId>> blocks) {
        Set<Mute> mutes = new TreeSet<>();
        blocks.forEach((blocker, blocked) -> blocked.stream()
                .filter(sender -> members.contains(sender) && members.contains(blocker))
                .filter(sender -> joining.contains(blocker) || joining.contains(sender))
                .forEach(sender -> mutes.add(new Mute(blocker, sender))));
        return mutes;
    }

    /**
     * Makes the user a member with their read position at {@code readSeq} and counts the room, unless they belong
     * to {@code maxRooms} already. A membership that is there already is left as it is and not counted again, so
     * repeating a join changes nothing.
     */
    private Joined join(RoomId room, UserId member, long readSeq, int maxRooms) {
        if (!store.memberships().join(room, member, readSeq)) {
            return Joined.ALREADY_JOINED;
        }
        if (store.roomCounts().countIn(member, maxRooms)) {
            return Joined.JOINED;
        }
        store.memberships().leave(room, member);
        return Joined.TOO_MANY_ROOMS;
    }

    /** Ends the membership and, if there was one, takes the room off the member's count. */
    private void leave(RoomId room, UserId member) {
        if (store.memberships().leave(room, member)) {
            store.roomCounts().countOut(member);
        }
    }

    /** Undoes {@link #createRoom}: the memberships (and their counts), then the first message, newest and facts. */
    private void remove(Room room, Message firstMessage) {
        SideBySide.each(executor, List.copyOf(room.members()), member -> {
            leave(room.id(), member);
            return null;
        });
        SideBySide.both(executor, () -> {
            store.log().removeFirst(firstMessage);
            return null;
        }, () -> {
            store.rooms().delete(room.id());
            return null;
        }, (a, b) -> null);
    }

    /**
     * Stores a direct room without a name, with its first message, unless its two members already have one they
     * both still belong to: then nothing is written and that room is returned. The pair's claim is read first; a
     * room it names that both still belong to is returned. Otherwise the room is created in full, and only then
     * claimed, under the condition that the claim is still what was read; a creation that loses that race removes
     * its own room and returns the other. So a claim always names a room that exists, a claim left behind by a
     * leave that failed part-way is taken over, and however slow a creator is, one room remains.
     *
     * @throws TooManyRoomsException as {@link #createRoom}
     */
    public DirectRoom createDirectRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        List<UserId> members = List.copyOf(room.members());
        Pair pair = Pair.of(members.get(0), members.get(1));
        boolean created = false;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Optional<RoomId> claimed = store.directRoomClaims().find(pair);
            if (claimed.isPresent() && claimed.get().equals(room.id())) {
                return new DirectRoom.Created(room); // a retried claim whose first attempt applied
            }
            Optional<Room> existing = claimed.flatMap(id -> store.rooms().find(id))
                    .filter(found -> found.members().containsAll(members));
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
            if (store.directRoomClaims().claim(pair, room.id(), claimed)) {
                return new DirectRoom.Created(room);
            }
        }
        if (created) {
            remove(room, firstMessage); // never claimed: no room of the pair may be left that its claim does not name
        }
        throw new StoreException("the direct room of " + members + " is being created by others at the same time; "
                + "try again");
    }

    /**
     * Makes {@code added} members of a group room, each with the room in their list and its history counted as
     * read; members already in it stay as they are. The added members' memberships first (each only if missing,
     * each counted against the member's room limit), then the room's members in one conditional write, so that a
     * membership its room does not confirm stays invisible. Empty, and nothing changed, if the room would then have
     * more than {@code maxMembers} or {@code by} is no longer a member; the memberships just written are taken back.
     * Repeating it is harmless, so a retry after a failure finishes the job. The room keeps {@code change} with its
     * members. Returns the room as stored afterwards.
     *
     * @throws TooManyRoomsException if an added user already belongs to {@code maxRoomsPerUser} rooms; nothing is
     *                               changed
     * @throws BlockedException if an added user blocked {@code by}; nothing is changed
     */
    public Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers, int maxRoomsPerUser,
                                     RoomChange change) {
        Set<UserId> joining = new TreeSet<>(added);
        joining.removeAll(room.members());
        if (joining.isEmpty()) {
            return store.rooms().find(room.id()).filter(found -> found.hasMember(by));
        }
        long readSeq = store.lastMessages().newest(room.id()).map(LastMessage::seq)
                .orElseThrow(() -> new StoreException("room " + room.id() + " has no last message"));
        List<UserId> candidates = List.copyOf(joining);
        List<Joined> joined = SideBySide.each(executor, candidates,
                member -> join(room.id(), member, readSeq, maxRoomsPerUser));
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
            leaveAll(room.id(), counted);
            throw new TooManyRoomsException(full, maxRoomsPerUser);
        }
        Set<UserId> everyone = new TreeSet<>(room.members());
        everyone.addAll(joining);
        // After the memberships, so that a block made meanwhile either is read here or finds the room shared
        Map<UserId, Set<UserId>> blocks = store.blocks().blockedByEach(everyone);
        Set<UserId> refusing = blockersOf(by, joining, blocks);
        if (!refusing.isEmpty()) {
            leaveAll(room.id(), counted);
            throw new BlockedException(refusing, by);
        }
        Optional<Room> after = store.rooms().addMembers(room.id(), by, joining,
                Math.min(maxMembers, room.type().maxMembers()), change, mutesAmong(joining, everyone, blocks));
        if (after.isEmpty()) {
            leaveAll(room.id(), counted);
        }
        return after;
    }

    private void leaveAll(RoomId room, List<UserId> members) {
        SideBySide.each(executor, members, member -> {
            leave(room, member);
            return null;
        });
    }

    /**
     * Takes {@code leaver} out of the room: their membership first (the room leaves their list at once), then the
     * room's members beside taking the room off their count, then a direct room's pair claim, so that the pair may
     * start a new one (a claim this step fails to remove is taken over by the pair's next creation: it names a room
     * they no longer share). The room's mutes of the leaver go with them (a return recomputes them from the blocks). The room keeps {@code change} with its members. Empty, and nothing changed, if they
     * were not a member. Returns the room as stored afterwards.
     */
    public Optional<Room> removeMember(Room room, UserId leaver, RoomChange change) {
        CompletableFuture<Void> uncounted = store.memberships().leave(room.id(), leaver)
                ? CompletableFuture.runAsync(() -> store.roomCounts().countOut(leaver), executor)
                : CompletableFuture.completedFuture(null);
        Optional<Room> after;
        try {
            Set<Mute> theirs = new TreeSet<>();
            room.mutes().stream().filter(mute -> mute.recipient().equals(leaver) || mute.sender().equals(leaver))
                    .forEach(theirs::add);
            after = store.rooms().removeMember(room.id(), leaver, change, theirs);
            if (after.isPresent() && room.type() == RoomType.DIRECT && room.members().size() == 2) {
                List<UserId> pair = List.copyOf(room.members());
                store.directRoomClaims().release(Pair.of(pair.get(0), pair.get(1)), room.id());
            }
        } catch (RuntimeException e) {
            SideBySide.settle(uncounted);
            throw e;
        }
        SideBySide.join(uncounted);
        return after;
    }
}
