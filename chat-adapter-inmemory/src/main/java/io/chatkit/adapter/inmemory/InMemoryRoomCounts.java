package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.RoomCounts;
import java.util.HashMap;
import java.util.Map;

/** How many rooms each user belongs to (none kept for a user in none). */
final class InMemoryRoomCounts implements RoomCounts {
    private final Map<UserId, Integer> roomCounts = new HashMap<>();

    @Override
    public synchronized boolean countIn(UserId user, int max) {
        int count = roomCounts.getOrDefault(user, 0);
        if (count >= max) {
            return false;
        }
        roomCounts.put(user, count + 1);
        return true;
    }

    @Override
    public synchronized void countOut(UserId user) {
        roomCounts.computeIfPresent(user, (u, count) -> count > 1 ? count - 1 : null);
    }
}
