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
 * Online while a user has a live connection. Direct-room peers are told when that starts and ends (not every tab),
 * whether the last connection ends by {@code $disconnect} or is found gone or expired; group rooms learn it from the
 * room list, which also says when a direct peer was last seen.
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

    @Test
    void a_last_connection_found_gone_by_a_push_tells_the_direct_peer_once_and_keeps_when_it_was() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room pair = h.createRoom(alice, bob);
        h.pusher.gone(aliceTab); // her socket was lost, and no $disconnect came
        h.clock.advance(Duration.ofMinutes(1));
        h.pusher.clear();

        accepted(h.send(bobTab, pair.id(), "still there?"));
        Instant foundGone = h.clock.instant();
        accepted(h.send(bobTab, pair.id(), "hello?"));
        h.chat.disconnect().disconnect(new DisconnectCommand(aliceTab)); // a late $disconnect finds nothing

        assertThat(h.pusher.deliveredTo(bobTab, Notification.PresenceChanged.class))
                .containsExactly(new Notification.PresenceChanged(alice, false, Optional.of(foundGone)));
        assertThat(accepted(h.chat.listRooms().listRooms(new ListRoomsQuery(bob, PageSize.of(10), Optional.empty())))
                .presence()).containsEntry(alice, Presence.lastSeen(foundGone));
    }

    @Test
    void a_gone_connection_beside_another_tab_tells_nobody() {
        ConnectionId aliceLaptop = h.connect(alice);
        h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room pair = h.createRoom(alice, bob);
        h.pusher.gone(aliceLaptop);
        h.pusher.clear();

        accepted(h.send(bobTab, pair.id(), "still there?"));

        assertThat(h.pusher.deliveredTo(bobTab, Notification.PresenceChanged.class)).isEmpty();
    }

    private void disconnectAll(UserId user) {
        h.connections.liveConnectionsOf(java.util.List.of(user), h.clock.instant())
                .forEach(connection -> h.chat.disconnect().disconnect(new DisconnectCommand(connection.id())));
    }
}
