package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Blocks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Whom each user blocked. */
final class InMemoryBlocks implements Blocks {
    private final Map<UserId, Set<UserId>> blocks = new HashMap<>();

    @Override
    public synchronized Blocked block(UserId blocker, UserId blocked, int max) {
        Set<UserId> theirs = blocks.computeIfAbsent(blocker, user -> new TreeSet<>());
        if (theirs.contains(blocked)) {
            return Blocked.ALREADY;
        }
        if (theirs.size() >= max) {
            return Blocked.FULL;
        }
        theirs.add(blocked);
        return Blocked.NEW;
    }

    @Override
    public synchronized void unblock(UserId blocker, UserId blocked) {
        Set<UserId> theirs = blocks.getOrDefault(blocker, new TreeSet<>());
        theirs.remove(blocked);
        if (theirs.isEmpty()) {
            blocks.remove(blocker);
        }
    }

    @Override
    public synchronized Set<UserId> blockedBy(UserId blocker) {
        return Set.copyOf(blocks.getOrDefault(blocker, Set.of()));
    }

    @Override
    public synchronized Map<UserId, Set<UserId>> blockedByEach(Collection<UserId> blockers) {
        Map<UserId, Set<UserId>> each = new HashMap<>();
        blockers.stream().filter(blocks::containsKey).forEach(user -> each.put(user, Set.copyOf(blocks.get(user))));
        return each;
    }
}
