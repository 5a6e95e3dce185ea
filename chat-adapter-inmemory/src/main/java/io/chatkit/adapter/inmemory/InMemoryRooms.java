package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Rooms;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Each room's facts, by id. */
final class InMemoryRooms implements Rooms {
    private final Map<RoomId, Room> facts = new HashMap<>();

    @Override
    public synchronized boolean create(Room room) {
        return facts.putIfAbsent(room.id(), room) == null;
    }

    @Override
    public synchronized Optional<Room> find(RoomId id) {
        return Optional.ofNullable(facts.get(id));
    }

    @Override
    public synchronized List<Room> findAll(Collection<RoomId> ids) {
        return ids.stream().map(facts::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized Optional<Room> addMembers(RoomId id, UserId by, Set<UserId> joining, int maxMembers,
                                                  RoomChange change, Set<Mute> mutes) {
        Room room = facts.get(id);
        if (room == null || !room.hasMember(by) || room.members().size() > maxMembers - joining.size()) {
            return Optional.empty();
        }
        Set<UserId> members = new HashSet<>(room.members());
        members.addAll(joining);
        Set<Mute> allMutes = new HashSet<>(room.mutes());
        allMutes.addAll(mutes);
        facts.put(id, room.withMembers(members).withMutes(allMutes).withLatestChange(change));
        return Optional.of(facts.get(id));
    }

    @Override
    public synchronized Optional<Room> removeMember(RoomId id, UserId leaver, RoomChange change,
                                                    Set<Mute> unmuted) {
        Room room = facts.get(id);
        if (room == null || !room.hasMember(leaver)) {
            return Optional.empty();
        }
        Set<UserId> members = new HashSet<>(room.members());
        members.remove(leaver);
        Set<Mute> mutes = new HashSet<>(room.mutes());
        mutes.removeAll(unmuted);
        facts.put(id, room.withMembers(members).withMutes(mutes).withLatestChange(change));
        return Optional.of(facts.get(id));
    }

    @Override
    public synchronized void mute(RoomId id, Set<Mute> mutes) {
        changeMutes(id, all -> all.addAll(mutes));
    }

    @Override
    public synchronized void unmute(RoomId id, Set<Mute> mutes) {
        changeMutes(id, all -> all.removeAll(mutes));
    }

    private void changeMutes(RoomId id, Consumer<Set<Mute>> change) {
        facts.computeIfPresent(id, (key, room) -> {
            Set<Mute> all = new HashSet<>(room.mutes());
            change.accept(all);
            return room.withMutes(all);
        });
    }

    @Override
    public synchronized void delete(RoomId room) {
        facts.remove(room);
    }
}
