package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages;
import io.chatkit.core.port.out.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives a message the next place in its room, moving it after the room's newest when its clock was behind: a place
 * is taken by one conditional write ({@link LastMessages#placeAfterNewest}); a message that loses the race for it
 * waits a random while, then tries again just after the newest as it stands then, and one that keeps losing in a
 * busy room is stamped again with the time it tries at.
 */
final class RoomPlaces {
    private static final int ATTEMPTS = 50;

    private final LastMessages lastMessages;
    private final Clock clock;
    private final AtomicInteger mostAttempts = new AtomicInteger();

    RoomPlaces(LastMessages lastMessages, Clock clock) {
        this.lastMessages = lastMessages;
        this.clock = clock;
    }

    /** A message at its place, and the room's newest before it (empty if unknown: then it cannot be given back). */
    record Placed(Message message, long seq, Optional<LastMessage> before) {
    }

    Placed place(Message message) {
        Message candidate = message;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<LastMessages.Placement> placement = lastMessages.placeAfterNewest(candidate);
            if (placement.isPresent()) {
                mostAttempts.accumulateAndGet(attempt, Math::max);
                return new Placed(candidate, placement.get().seq(), placement.get().before());
            }
            LastMessage newest = newest(candidate);
            if (newest.id().equals(candidate.id())) {
                // This very write was applied and its answer lost (the store retried it): the place is ours.
                return new Placed(candidate, newest.seq(), Optional.empty());
            }
            backOff(attempt);
            // The newest as it stands after the wait, not before it: a candidate taken before the wait would be
            // stale by the time it is written, and lose again to whatever was placed meanwhile.
            MessageId after = candidate.id().notBefore(newest(candidate).id());
            // Just after the newest; once it lost a race from there, no earlier than now either: a loser stamped a
            // moment ago would otherwise keep losing to the messages stamped since, which sort after it.
            Instant now = clock.instant();
            candidate = candidate.withId(attempt > 1 && after.timestamp().isBefore(now)
                    ? MessageId.of(now, after.suffix()) : after);
        }
        throw new StoreException("room " + message.roomId() + " is too busy to place a message; try again");
    }

    /** The place {@code message} took, if it is still the room's newest (no message was placed after it). */
    Optional<Placed> stillNewest(Message message) {
        return lastMessages.newest(message.roomId()).filter(newest -> newest.id().equals(message.id()))
                .map(newest -> new Placed(message, newest.seq(), Optional.empty()));
    }

    /**
     * Undoes {@link #place} for a message that turned out to be a retry that must not be stored, provided nothing
     * was placed after it; otherwise its place stays empty (see docs/dynamodb-design.md, "Known limits").
     */
    void giveBack(Placed placed) {
        placed.before().ifPresent(before -> lastMessages.putBack(before, placed.seq()));
    }

    /** The most attempts a placement has needed so far (for tests of a busy room). */
    int mostAttempts() {
        return mostAttempts.get();
    }

    private LastMessage newest(Message message) {
        return lastMessages.newest(message.roomId())
                .orElseThrow(() -> new StoreException("room " + message.roomId() + " has no last message"));
    }

    /**
     * After a lost race for the room's next place, waits a random while (up to 2, 4, 8, … 64 ms) so that the
     * senders of a busy room stop colliding in lockstep: without it, one of 8 senders in a tight loop can lose 50
     * times in a row (each loss is a write and a read, so the waits also spare the store).
     */
    private static void backOff(int attempt) {
        sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(2L << Math.min(attempt - 1, 5))));
    }

    static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
    }
}
