package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.RoomsPage;
import io.chatkit.core.port.in.PageSize;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Online while a user has a live connection. Direct-room peers are told when that starts and ends (not every tab);
 * group rooms learn it from the room list, which also says when a direct peer was last seen.
 */
class PresenceBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");

    @Test
    void a_first_tab_tells_the_direct_peer_and_a_second_tells_nobody() {
        ConnectionId bobTab = h.connect(bob);
        h.connect(alice);
        h.createRoom(alice, bob);
        disconnectAll(alice);
        h.pusher.clear();

        h.connect(alice);
        h.connect(alice);

        assertThat(h.pusher.deliveredTo(bobTab, Notification.PresenceChanged.class))
                .containsExactly(new Notification.PresenceChanged(alice, true, Optional.empty()));
    }

    @Test
    void closing_the_last_tab_tells_the_direct_peer_not_a_group_member_without_one() {
        ConnectionId aliceLaptop = h.connect(alice);
        ConnectionId alicePhone = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        ConnectionId carolTab = h.connect(carol);
        h.createRoom(alice, bob);
        h.createRoom(alice, bob, carol);
        h.pusher.clear();

        h.chat.disconnect().disconnect(new DisconnectCommand(aliceLaptop));
        assertThat(h.pusher.deliveredTo(bobTab, Notification.PresenceChanged.class)).as("a tab is left").isEmpty();
        h.clock.advance(Duration.ofMinutes(5));
        Instant closed = h.clock.instant();
        h.chat.disconnect().disconnect(new DisconnectCommand(alicePhone));

        assertThat(h.pusher.deliveredTo(bobTab, Notification.PresenceChanged.class))
                .containsExactly(new Notification.PresenceChanged(alice, false, Optional.of(closed)));
        assertThat(h.pusher.deliveredTo(carolTab, Notification.PresenceChanged.class)).isEmpty();
    }

    @Test
    void the_room_list_says_who_is_online_and_when_a_direct_peer_was_last_seen() {
        ConnectionId bobTab = h.connect(bob);
        h.connect(carol);
        h.connect(alice);
        Room pair = h.createRoom(alice, bob);
        Room group = h.createRoom(alice, bob, carol);
        h.clock.advance(Duration.ofMinutes(1));
        Instant bobLeft = h.clock.instant();
        h.chat.disconnect().disconnect(new DisconnectCommand(bobTab));

        RoomsPage rooms = accepted(h.chat.listRooms().listRooms(
                new ListRoomsQuery(alice, PageSize.of(10), Optional.empty())));

        assertThat(rooms.page().items()).extracting(summary -> summary.room().id()).contains(pair.id(), group.id());
        assertThat(rooms.presence()).containsEntry(carol, Presence.ONLINE)
                .containsEntry(bob, Presence.lastSeen(bobLeft)).doesNotContainKey(alice);
    }

    @Test
    void a_connection_that_ended_without_disconnect_ends_its_presence_at_its_expiry() {
        h.connect(bob);
        h.connect(alice);
        h.createRoom(alice, bob);

        h.clock.advance(ChatHarness.TTL.plusMinutes(1)); // bob's socket was lost: no $disconnect
        h.connect(alice); // alice's first connection expired too: a new one

        RoomsPage rooms = accepted(h.chat.listRooms().listRooms(
                new ListRoomsQuery(alice, PageSize.of(10), Optional.empty())));
        assertThat(rooms.presence().get(bob).online()).isFalse();
        assertThat(rooms.presence().get(bob).lastSeenAt()).isPresent();
    }

    private void disconnectAll(UserId user) {
        h.connections.liveConnectionsOf(java.util.List.of(user), h.clock.instant())
                .forEach(connection -> h.chat.disconnect().disconnect(new DisconnectCommand(connection.id())));
    }
}
