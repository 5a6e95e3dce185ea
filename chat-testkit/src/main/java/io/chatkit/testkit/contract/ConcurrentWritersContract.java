package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, under concurrent writers: nothing lost, one total order. */
public abstract class ConcurrentWritersContract extends ReadStateContract {
    // --- concurrency

    @Test
    void concurrent_writers_lose_nothing_and_the_order_is_total() throws Exception {
        int threads = 8;
        int perThread = concurrentMessagesPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Message>>> sent = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                UserId sender = t % 2 == 0 ? alice : bob;
                int thread = t;
                sent.add(pool.submit(() -> {
                    start.await();
                    List<Message> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // Many share a millisecond: the id must break the tie.
                        Message m = message(room, sender, T0.plusSeconds(1).plusMillis(i / 4), "t" + thread + "-" + i);
                        mine.add(posting.post(room, m).message());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<MessageId> expected = new ArrayList<>();
            for (Future<List<Message>> future : sent) {
                future.get(300, TimeUnit.SECONDS).forEach(m -> expected.add(m.id()));
            }

            List<Message> history = wholeHistoryNewestFirst(100);
            List<MessageId> ids = history.stream().map(Message::id).toList();
            assertThat(ids).hasSize(threads * perThread + 1).doesNotHaveDuplicates()
                    .isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(ids).containsAll(expected);
            int unreadForBob = (int) history.stream().filter(m -> !m.readBy().contains(bob)).count();
            assertThat(summaryOf(bob, room).unreadCount()).isEqualTo(unreadForBob);
            assertThat(summaryOf(bob, room).lastMessageId()).isEqualTo(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    /** 200 by default; a store over the network may choose fewer to keep the build fast. */
    protected int concurrentMessagesPerThread() {
        return 200;
    }
}
