package io.chatkit.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.core.service.RoomChanges;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eight writers appending to one room as fast as they can: each message takes the room's next place, and a writer
 * that loses the race for it tries again from the newest as it stands after its wait. No writer is starved: every
 * append succeeds well within the attempts a placement has (50), and the places are 1 … N without a gap.
 */
@ExtendWith(RequiresDynalite.class)
class BusyRoomTest {
    private static final int WRITERS = 8;
    private static final int EACH = 150;

    @Test
    void eight_writers_in_tight_loops_all_get_their_places_without_starving() throws Exception {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbMessageStore store = new DynamoDbMessageStore(Dynalite.shared().client(), table,
                DynamoDbContractTests.EXECUTOR);
        UserId sender = Fixtures.user("busy");
        Room room = Fixtures.room(sender, Fixtures.user("other"), Fixtures.user("another"));
        new RoomChanges(store).createRoom(room, Fixtures.created(room), 1_000);
        MessagePosting posting = new MessagePosting(store, DynamoDbContractTests.EXECUTOR, Clock.systemUTC());
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < EACH; i++) {
                        posting.post(room, Message.fromUser(room.id(), MessageId.of(Instant.now(), writer + "w" + i),
                                sender, MessageContent.of("m " + writer + " " + i), Optional.empty()));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(new RoomHistory(store).messagesBefore(room.id(), Optional.empty(), 2_000))
                .hasSize(WRITERS * EACH + 1);
        System.out.printf("busy room: %d appends by %d writers, at most %d attempts for one place (of 50)%n",
                WRITERS * EACH, WRITERS, posting.mostAttemptsToPlace());
        assertThat(posting.mostAttemptsToPlace()).as("no writer starved").isLessThanOrEqualTo(15);
    }
}
