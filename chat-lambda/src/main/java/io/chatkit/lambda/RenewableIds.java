package io.chatkit.lambda;

import io.chatkit.core.port.out.IdGenerator;

/**
 * Random ids whose source of randomness can be replaced. Under SnapStart every execution environment is
 * restored from one snapshot: a generator seeded before the snapshot would hand the same sequence to all of
 * them, so {@link SnapStartPriming#afterRestore} renews it and each restored copy draws from a fresh seed.
 */
final class RenewableIds implements IdGenerator {
    private volatile IdGenerator current = IdGenerator.random();

    @Override
    public String next() {
        return current.next();
    }

    void renew() {
        current = IdGenerator.random();
    }

    /** The source ids are drawn from now. */
    IdGenerator source() {
        return current;
    }
}
