package io.chatkit.core.service;

import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a user's direct-room peers when the user comes online (their first live connection) or goes offline (their
 * last one closed), and keeps when that was. Group rooms learn presence from {@code listRooms}. Costs only on those
 * two transitions: the user's memberships (one read), their rooms (one batched read per 100), the peers' connections
 * (one batched read per 100), and a push to each. When they were last seen the store keeps with the removal itself.
 */
final class PresenceNotices {
    private static final System.Logger LOG = System.getLogger(PresenceNotices.class.getName());

    private final MessageStore messages;
    private final Broadcaster broadcaster;

    PresenceNotices(MessageStore messages, Broadcaster broadcaster) {
        this.messages = messages;
        this.broadcaster = broadcaster;
    }

    void cameOnline(UserId user) {
        tellPeers(user, new Notification.PresenceChanged(user, true, Optional.empty()));
    }

    void wentOffline(UserId user, Instant at) {
        tellPeers(user, new Notification.PresenceChanged(user, false, Optional.of(at)));
    }

    /** A presence notice is a courtesy: a failure to tell is logged, and the connect or disconnect stands. */
    private void tellPeers(UserId user, Notification notice) {
        try {
            Set<UserId> peers = directPeersOf(user);
            if (!peers.isEmpty()) {
                broadcaster.tellUsers(peers, notice);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the presence of " + user + " was not told to their peers", e);
        }
    }

    /** The other member of each of the user's direct rooms, but one who blocked the user. */
    private Set<UserId> directPeersOf(UserId user) {
        Set<UserId> peers = new HashSet<>();
        var rooms = messages.memberships().ofUser(user).keySet();
        if (rooms.isEmpty()) {
            return peers;
        }
        for (Room room : messages.rooms().findAll(rooms)) {
            if (room.type() != RoomType.DIRECT) {
                continue;
            }
            room.members().stream().filter(member -> !member.equals(user))
                    .filter(peer -> !room.isMuted(peer, user))
                    .forEach(peers::add);
        }
        return peers;
    }
}
