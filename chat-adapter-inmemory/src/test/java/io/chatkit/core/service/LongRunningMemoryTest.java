package io.chatkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A process that runs for days (chat-server, chat-local) on the in-memory stores: clients whose sockets are lost
 * without a {@code $disconnect} every minute, each message sent with a client message id. What the stores hold
 * stays what the last hours need, not what the process has seen: expired connections and client message ids are
 * swept as DynamoDB's TTL deletes their items.
 */
class LongRunningMemoryTest {
    private static final Duration TOKEN_LIFE = Duration.ofHours(1);

    @Test
    void three_days_of_lost_sockets_and_idempotent_sends_leave_hours_of_records_not_days() {
        ChatHarness h = new ChatHarness(Fixtures.LIMITS_OUT_OF_REACH);
        UserId alice = UserId.of("alice");
        Room room = h.createRoom(alice, UserId.of("bob"));
        int minutes = 3 * 24 * 60;
        int lostPerMinute = 5;

        for (int minute = 0; minute < minutes; minute++) {
            ConnectionId latest = null;
            for (int i = 0; i < lostPerMinute; i++) {
                latest = ConnectionId.of("m" + minute + "c" + i + "=");
                Instant now = h.clock.instant();
                ChatHarness.accepted(h.chat.connect().connect(new ConnectCommand(latest, alice, now,
                        Optional.of(now.plus(TOKEN_LIFE))))); // and never disconnected: a lost socket
            }
            ChatHarness.accepted(h.chat.sendMessage().send(new SendMessageCommand(alice, latest, room.id(),
                    MessageContent.of("minute " + minute), Optional.of(ClientMessageId.of("cm" + minute)))));
            h.clock.advance(Duration.ofMinutes(1));
        }

        int connectionsSeen = minutes * lostPerMinute;
        int livePlusKept = (int) ((TOKEN_LIFE.toMinutes() + 60 + 1) * lostPerMinute) + 100; // + one sweep's worth
        assertThat(h.connections.size()).as("of %d connections seen", connectionsSeen)
                .isLessThanOrEqualTo(livePlusKept);
        int aDayOfSends = 24 * 60 + 1_000; // a day's ids, + one sweep's worth
        assertThat(h.messages.clientMessageIdsHeld()).as("of %d client message ids seen", minutes)
                .isLessThanOrEqualTo(aDayOfSends);
        System.out.printf("three days: %d of %d connections and %d of %d client message ids held%n",
                h.connections.size(), connectionsSeen, h.messages.clientMessageIdsHeld(), minutes);
    }
}
