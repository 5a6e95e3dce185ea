package io.chatkit.core.domain;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reactions to a message: for each emoji, who reacted with it (an emoji nobody reacts with is not kept). At most
 * {@link #MAX_DISTINCT} emoji on a message and {@link #MAX_PER_USER} reactions of one user.
 */
public record Reactions(SortedMap<String, SortedSet<UserId>> byEmoji) {
    public static final int MAX_DISTINCT = 20;
    public static final int MAX_PER_USER = 10;
    public static final Reactions NONE = new Reactions(new TreeMap<>());

    public Reactions {
        TreeMap<String, SortedSet<UserId>> copy = new TreeMap<>();
        for (Map.Entry<String, SortedSet<UserId>> entry : byEmoji.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                copy.put(entry.getKey(), Collections.unmodifiableSortedSet(new TreeSet<>(entry.getValue())));
            }
        }
        byEmoji = Collections.unmodifiableSortedMap(copy);
    }

    public boolean has(Emoji emoji, UserId user) {
        return byEmoji.getOrDefault(emoji.value(), Collections.emptySortedSet()).contains(user);
    }

    /** How many reactions the user has on the message. */
    public int of(UserId user) {
        return (int) byEmoji.values().stream().filter(users -> users.contains(user)).count();
    }

    public Reactions with(Emoji emoji, UserId user) {
        TreeMap<String, SortedSet<UserId>> changed = new TreeMap<>(byEmoji);
        TreeSet<UserId> users = new TreeSet<>(changed.getOrDefault(emoji.value(), Collections.emptySortedSet()));
        users.add(user);
        changed.put(emoji.value(), users);
        return new Reactions(changed);
    }

    public Reactions without(Emoji emoji, UserId user) {
        TreeMap<String, SortedSet<UserId>> changed = new TreeMap<>(byEmoji);
        TreeSet<UserId> users = new TreeSet<>(changed.getOrDefault(emoji.value(), Collections.emptySortedSet()));
        users.remove(user);
        changed.put(emoji.value(), users);
        return new Reactions(changed);
    }
}
