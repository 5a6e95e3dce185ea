package io.chatkit.core.service;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import io.chatkit.core.port.out.StoreException;
import io.chatkit.core.service.RoomPlaces.Placed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The chat's rule for storing a message, over the store's single operations: a message takes the room's next
 * place, is written at it, and moves its sender's read position to it — nothing per member, whatever the room's
 * size. A message with a client message id first claims the id for its sender in its room; a retry of the send
 * finds the claim and finishes whatever the first attempt left unfinished instead of storing the message twice.
 *
 * <p>Normally two rounds: the claim beside taking the place, then the message beside the read position.
 */
public final class MessagePosting {
    /** How long a client message id answers retries of its send. */
    public static final Duration CLAIM_LIFETIME = Duration.ofHours(24);
    /** How long a retry waits for the first attempt to write the message it claimed, before writing it itself. */
    private static final Duration[] FIRST_ATTEMPT_WAITS = {
            Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)};

    private final MessageStore store;
    private final RoomPlaces places;
    private final Executor executor;

    public MessagePosting(MessageStore store, Executor executor, Clock clock) {
        this.store = store;
        this.places = new RoomPlaces(store.lastMessages(), clock);
        this.executor = executor;
    }

    /** What {@link #post} did. */
    public sealed interface Posted {
        Message message();

        /** The message was stored (under the id it has here: later than asked if its clock was behind). */
        record Stored(Message message) implements Posted {
        }

        /** An earlier attempt of the sender with the same client message id stored this message first. */
        record Duplicate(Message message) implements Posted {
        }
    }

    /** {@link #post(Room, Message, Optional, Consumer)} after looking up the sender's earlier attempt itself. */
    public Posted post(Room room, Message message) {
        return post(room, message, liveClaim(message), stored -> { });
    }

    /**
     * Stores {@code message} unless an attempt of its sender with the same client message id came first
     * ({@code earlier}, a live claim as the send found it, or one that raced this one): then that first message is
     * returned, completed. {@code whenStored} hears the message as soon as it is stored and readable, possibly
     * before the sender's read position has moved, so that the caller can push it meanwhile; at most once, and not
     * at all if storing it failed. It must not block.
     */
    public Posted post(Room room, Message message, Optional<SendClaim> earlier, Consumer<Message> whenStored) {
        if (earlier.isPresent()) {
            return new Posted.Duplicate(finishEarlier(room, message, whenStored));
        }
        Optional<SendKey> key = key(message);
        CompletableFuture<Boolean> claimed = key.isPresent()
                ? CompletableFuture.supplyAsync(() -> store.sendClaims().claim(claimOf(message, key.get()),
                        message.createdAt()), executor)
                : CompletableFuture.completedFuture(false);
        Placed placed;
        try {
            placed = places.place(message);
        } catch (RuntimeException e) {
            SideBySide.settle(claimed);
            throw e;
        }
        boolean owned = key.isPresent() && SideBySide.join(claimed);
        if (key.isPresent() && !owned) {
            // The sender's id was claimed already: by this very write (its answer was lost and the store retried
            // it), or by another attempt of this send running at the same time.
            Optional<SendClaim> first = liveClaim(message);
            owned = first.isPresent() && first.get().messageId().equals(message.id());
            if (!owned && first.isPresent()) {
                places.giveBack(placed);
                return new Posted.Duplicate(finishEarlier(room, message, whenStored));
            }
        }
        if (owned && !placed.message().id().equals(message.id())) {
            store.sendClaims().moveTo(key.get(), placed.message().id());
        }
        write(room, placed, whenStored);
        return new Posted.Stored(placed.message());
    }

    /** The most attempts placing a message has needed here (for tests of a busy room). */
    public int mostAttemptsToPlace() {
        return places.mostAttempts();
    }

    /** The message and its sender's read position, side by side; the listener hears once the message is in. */
    private void write(Room room, Placed placed, Consumer<Message> whenStored) {
        Message message = placed.message();
        CompletableFuture<Boolean> added = CompletableFuture.supplyAsync(
                () -> store.log().add(message, placed.seq()), executor);
        CompletableFuture<Void> told = added.thenAccept(ignored -> whenStored.accept(message));
        try {
            readUpToOwn(room, message, placed.seq());
        } catch (RuntimeException e) {
            // not before the message's own write has ended, one way or the other: a send that answers "failed"
            // must not have its message land afterwards
            SideBySide.settle(told);
            throw e;
        }
        SideBySide.join(told);
    }

    /**
     * Sending reads the room up to one's own message (a leaver's notice has no sender in the room to move), and each
     * member it mentions keeps its place among their mentions — the only write per member a send makes, and only
     * for those it names.
     */
    private void readUpToOwn(Room room, Message message, long seq) {
        List<UserId> mentioned = message.mentions().stream()
                .filter(user -> !user.equals(message.senderId()) && room.hasMember(user)).toList();
        CompletableFuture<Void> mentions = mentioned.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> store.memberships().mention(message.roomId(), mentioned, seq),
                        executor);
        try {
            if (room.hasMember(message.senderId())) {
                store.memberships().moveUpTo(message.roomId(), message.senderId(), seq, message.createdAt());
            }
        } catch (RuntimeException e) {
            SideBySide.settle(mentions);
            throw e;
        }
        SideBySide.join(mentions);
    }

    /**
     * The message a retried send refers to, with the first attempt's work finished: the sender's read position is
     * moved again (a repeat changes nothing). If the message is not there after a short wait, the first attempt died
     * between its claim and its message, and this one stores it: at the place the first attempt took if no
     * message was placed after it, else at a new place.
     */
    private Message finishEarlier(Room room, Message retry, Consumer<Message> whenStored) {
        for (Duration wait : FIRST_ATTEMPT_WAITS) {
            RoomPlaces.sleep(wait);
            SendClaim first = claimStillThere(retry);
            Optional<PlacedMessage> stored = store.log().find(room.id(), first.messageId());
            if (stored.isPresent()) {
                Message message = stored.get().message();
                whenStored.accept(message);
                readUpToOwn(room, message, stored.get().seq());
                return message;
            }
        }
        SendClaim first = claimStillThere(retry);
        Message message = retry.withId(first.messageId());
        Placed placed = places.stillNewest(message).orElseGet(() -> places.place(message));
        if (!placed.message().id().equals(first.messageId())) {
            store.sendClaims().moveTo(first.key(), placed.message().id());
        }
        write(room, placed, whenStored);
        return placed.message();
    }

    private SendClaim claimStillThere(Message retry) {
        return liveClaim(retry).orElseThrow(() -> new StoreException("the claim of client message id "
                + retry.clientMessageId().map(ClientMessageId::value).orElse("?") + " vanished"));
    }

    /** The sender's claim of the message's client message id, unless it expired by the message's time. */
    private Optional<SendClaim> liveClaim(Message message) {
        return key(message).flatMap(key -> store.sendClaims().find(key))
                .filter(claim -> claim.isLiveAt(message.createdAt()));
    }

    private static Optional<SendKey> key(Message message) {
        return message.clientMessageId().map(id -> new SendKey(message.roomId(), message.senderId(), id));
    }

    private static SendClaim claimOf(Message message, SendKey key) {
        return new SendClaim(key, message.id(), message.fingerprint(),
                message.createdAt().plus(CLAIM_LIFETIME));
    }
}
