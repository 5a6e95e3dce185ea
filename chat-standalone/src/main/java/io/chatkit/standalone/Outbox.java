package io.chatkit.standalone;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The messages waiting for one socket, written in order by one task at a time on a shared executor: whoever
 * queues a message returns at once, frames of two messages never interleave, and a slow client holds up only its
 * own socket. When a write fails, what is still queued is dropped and {@code onFailure} runs once: the caller
 * closes the socket, so that its client reconnects and catches up instead of missing frames in silence.
 */
public final class Outbox {
    /** Messages (strings) to write, and actions to run once what was queued before them is written. */
    private final Deque<Object> queued = new ArrayDeque<>();
    private final Predicate<String> write;
    private final Runnable onFailure;
    private final int capacity;
    private boolean writing;
    private int messages;

    /**
     * @param write    writes one message to the socket, blocking until it is out; false if it could not
     * @param capacity the most messages that may wait; beyond, {@link #offer} refuses
     * @param onFailure runs after a write failed and the queue was dropped
     */
    public Outbox(Predicate<String> write, int capacity, Runnable onFailure) {
        this.write = write;
        this.capacity = capacity;
        this.onFailure = onFailure;
    }

    /** Queues a message, starting a writer if none runs; false (and nothing queued) when the outbox is full. */
    public boolean offer(String message, Executor writers) {
        synchronized (queued) {
            if (messages >= capacity) {
                return false;
            }
            queued.add(message);
            messages++;
            if (writing) {
                return true;
            }
            writing = true;
        }
        writers.execute(this::writeQueued);
        return true;
    }

    /**
     * Runs {@code action} once every message queued so far is written (or dropped), in the writers' order: a socket
     * closed this way still gets what was posted to it before (as API Gateway delivers posts made before a
     * {@code DeleteConnection}). Not counted against the capacity.
     */
    public void then(Runnable action, Executor writers) {
        synchronized (queued) {
            queued.add(action);
            if (writing) {
                return;
            }
            writing = true;
        }
        writers.execute(this::writeQueued);
    }

    private void writeQueued() {
        while (true) {
            Object next;
            synchronized (queued) {
                next = queued.poll();
                if (next instanceof String) {
                    messages--;
                }
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            if (next instanceof Runnable action) {
                action.run();
            } else if (!write.test((String) next)) {
                synchronized (queued) {
                    queued.clear();
                    messages = 0;
                }
                onFailure.run();
            }
        }
    }
}
