package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A chat room. Its type follows from the number of members it is created with and stays: members may leave any
 * room (a direct room whose other member left keeps one, a room everyone left none), and join a group while it
 * has fewer than {@link RoomType#MAX_MEMBERS}. It also keeps, for the chat's own use and never on the wire, which
 * members blocked which ({@code mutes}) and its latest change of members ({@code latestChange}, which a retry of a
 * failed change finishes).
 */
public record Room(RoomId id, RoomName name, RoomType type, SortedSet<UserId> members, Instant createdAt,
                   SortedSet<Mute> mutes, Optional<RoomChange> latestChange) {
    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
        mutes = Collections.unmodifiableSortedSet(new TreeSet<>(mutes));
        Objects.requireNonNull(latestChange, "latestChange");
        if (members.size() > type.maxMembers()) {
            throw new InvalidInputException("type", type.name().toLowerCase(java.util.Locale.ROOT) + " room cannot have " + members.size() + " members");
        }
    }

    public static Room create(RoomId id, RoomName name, Collection<UserId> members, Instant createdAt) {
        SortedSet<UserId> distinct = new TreeSet<>(members);
        return new Room(id, name, RoomType.forMemberCount(distinct.size()), distinct, createdAt, new TreeSet<>(),
                Optional.empty());
    }

    public boolean hasMember(UserId user) {
        return members.contains(user);
    }

    /** The same room with these members instead. */
    public Room withMembers(Collection<UserId> newMembers) {
        return new Room(id, name, type, new TreeSet<>(newMembers), createdAt, mutes, latestChange);
    }

    /** The same room with these mutes instead. */
    public Room withMutes(Collection<Mute> newMutes) {
        return new Room(id, name, type, members, createdAt, new TreeSet<>(newMutes), latestChange);
    }

    /** The same room with {@code change} as its latest change of members. */
    public Room withLatestChange(RoomChange change) {
        return new Room(id, name, type, members, createdAt, mutes, Optional.of(change));
    }

    /** Whether {@code recipient} blocked {@code sender}, as far as this room knows: then no pushes of theirs. */
    public boolean isMuted(UserId recipient, UserId sender) {
        return mutes.contains(new Mute(recipient, sender));
    }
}
