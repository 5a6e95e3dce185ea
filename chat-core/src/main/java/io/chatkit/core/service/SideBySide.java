package io.chatkit.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs two independent store calls at the same time, so a request costs one round trip instead of
 * two. The first runs on the executor, the second on the calling thread.
 */
final class SideBySide {
    private SideBySide() {
    }

    static <A, B, R> R both(Executor executor, Supplier<A> first, Supplier<B> second, BiFunction<A, B, R> combine) {
        CompletableFuture<A> a = CompletableFuture.supplyAsync(first, executor);
        B b;
        try {
            b = second.get();
        } catch (RuntimeException e) {
            a.exceptionally(ignored -> null);
            throw e;
        }
        return combine.apply(join(a), b);
    }

    /**
     * {@code work} for every input, side by side (the last on the calling thread), in the inputs' order; waits for
     * all of them before a failure is thrown.
     */
    static <I, O> List<O> each(Executor executor, List<I> inputs, Function<I, O> work) {
        List<CompletableFuture<O>> started = new ArrayList<>();
        for (int i = 0; i < inputs.size() - 1; i++) {
            I input = inputs.get(i);
            started.add(CompletableFuture.supplyAsync(() -> work.apply(input), executor));
        }
        CompletableFuture<O> last = new CompletableFuture<>();
        if (!inputs.isEmpty()) {
            try {
                last.complete(work.apply(inputs.get(inputs.size() - 1)));
            } catch (RuntimeException | Error e) {
                last.completeExceptionally(e);
            }
            started.add(last);
        }
        started.forEach(SideBySide::settle);
        return started.stream().map(SideBySide::join).toList();
    }

    /** Waits for a future that is no longer needed to finish, whatever its outcome. */
    static void settle(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (RuntimeException ignored) {
            // its outcome is not wanted; only that it is over
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
