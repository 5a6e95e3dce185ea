package io.chatkit.core.service;

import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.in.TypingUseCase;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.RateLimitStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code typing}: no write anywhere. The frame is taken from the typist's frame allowance kept in this process; the
 * room is read (its members, who muted whom) and its members' connections, as for a send; at most one notice per
 * user and room every {@link TypingUseCase#EVERY} goes out, the rest are dropped here, before any read.
 */
final class TypingService implements TypingUseCase {
    /** Throttle entries kept at most; older ones are swept when there are more (each lives 3 s anyway). */
    private static final int MAX_TRACKED = 10_000;

    private final MessageStore messages;
    private final ConnectionStore connections;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final ChatLimits limits;
    private final RateLimitStore frames = RateLimitStore.inProcess();
    private final Map<Key, Instant> lastFannedOut = new ConcurrentHashMap<>();

    private record Key(UserId user, RoomId room) {
    }

    TypingService(MessageStore messages, ConnectionStore connections, Broadcaster broadcaster, Clock clock,
                  ChatLimits limits) {
        this.messages = messages;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Outcome<Boolean> typing(TypingCommand command) {
        Instant now = clock.instant();
        Admission frame = frames.take(command.typist(), limits.frames(), now);
        if (!frame.admitted()) {
            return Outcome.rejected(new Rejection(Rejection.Code.RATE_LIMITED, "too many frames; wait "
                    + frame.retryAfter().toMillis() + " ms", frame.retryAfter()));
        }
        Key key = new Key(command.typist(), command.roomId());
        if (recentlyFannedOut(key, now)) {
            return Outcome.accepted(false); // a member's, a moment ago: dropped before any read
        }
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.typist())
                .then(room -> {
                    if (!pass(key, now)) {
                        return Outcome.accepted(false);
                    }
                    var others = room.members().stream().filter(member -> !member.equals(command.typist()))
                            .filter(member -> !room.isMuted(member, command.typist())).toList();
                    broadcaster.tell(connections.liveConnectionsOf(others, now),
                            new Notification.Typing(room.id(), command.typist()));
                    return Outcome.accepted(true);
                });
    }

    private boolean recentlyFannedOut(Key key, Instant now) {
        Instant last = lastFannedOut.get(key);
        return last != null && now.isBefore(last.plus(EVERY));
    }

    /** Whether this user's typing in this room may go out now: none went out within the last {@link #EVERY}. */
    private boolean pass(Key key, Instant now) {
        boolean[] passed = {false};
        lastFannedOut.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(EVERY))) {
                passed[0] = true;
                return now;
            }
            return last;
        });
        if (lastFannedOut.size() > MAX_TRACKED) {
            sweep(now);
        }
        return passed[0];
    }

    private void sweep(Instant now) {
        for (Iterator<Instant> it = lastFannedOut.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().plus(EVERY))) {
                it.remove();
            }
        }
    }
}
