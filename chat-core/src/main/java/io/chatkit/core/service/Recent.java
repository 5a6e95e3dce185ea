package io.chatkit.core.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a process remembers about the connections it saw last: at most a fixed number, the least recently used go. */
final class Recent {
    private Recent() {
    }

    /** A map of at most {@code most} entries, in access order, dropping the eldest. Not thread-safe: lock it. */
    static <K, V> Map<K, V> atMost(int most) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > most;
            }
        };
    }
}
