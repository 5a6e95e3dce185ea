package io.chatkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Notification;
import java.util.Optional;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");

    @Test
    void connecting_stores_the_connection_both_ways_with_the_default_expiry() {
        ConnectionId id = h.connect(alice);

        var stored = h.connections.find(id, h.clock.instant()).orElseThrow();
        assertThat(stored.userId()).isEqualTo(alice);
        assertThat(stored.expiresAt()).isEqualTo(h.clock.instant().plus(Duration.ofHours(24)));
        assertThat(h.connections.liveConnectionsOf(List.of(alice), h.clock.instant())).extracting(c -> c.id())
                .containsExactly(id);
    }

    @Test
    void a_connection_identifies_its_user_until_it_expires_then_its_session_is_expired_and_it_is_closed() {
        ConnectionId id = h.connect(alice);

        assertThat(h.chat.identify().userOf(id)).isEqualTo(Outcome.accepted(alice));
        h.clock.advance(ChatHarness.TTL);
        assertThat(h.chat.identify().userOf(id)).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.SESSION_EXPIRED));
        assertThat(h.pusher.closed()).containsExactly(id);
        assertThat(h.connections.size()).as("forgotten both ways").isZero();
        assertThat(h.chat.identify().userOf(id)).as("then it is unknown").isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.NOT_CONNECTED));
    }

    @Test
    void a_connection_lives_no_longer_than_its_token_and_a_send_on_it_changes_nothing() {
        UserId bob = UserId.of("bob");
        ConnectionId bobsTab = h.connect(bob);
        ConnectionId id = ChatHarness.accepted(h.chat.connect().connect(new ConnectCommand(ConnectionId.of("short="),
                alice, h.clock.instant(), Optional.of(h.clock.instant().plus(Duration.ofMinutes(5)))))).id();
        var room = h.createRoom(alice, bob);
        h.pusher.clear();

        assertThat(h.connections.find(id, h.clock.instant()).orElseThrow().expiresAt())
                .isEqualTo(h.clock.instant().plus(Duration.ofMinutes(5)));
        h.clock.advance(Duration.ofMinutes(6));
        var sent = h.chat.sendMessage().send(new SendMessageCommand(alice, id, room.id(), MessageContent.of("too late"),
                Optional.empty()));

        assertThat(sent).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.SESSION_EXPIRED));
        assertThat(h.pusher.closed()).containsExactly(id);
        assertThat(h.pusher.deliveredTo(id)).containsExactly(
                new Notification.SessionExpired(h.clock.instant().minus(Duration.ofMinutes(1))));
        assertThat(h.pusher.deliveredTo(bobsTab)).as("no message; alice's last connection closed, so she is offline")
                .containsExactly(new Notification.PresenceChanged(alice, false, Optional.of(h.clock.instant())));
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10)).hasSize(1);
        assertThat(h.connections.find(bobsTab, h.clock.instant())).as("other connections live on").isPresent();
    }

    @Test
    void disconnecting_removes_both_records() {
        ConnectionId id = h.connect(alice);

        assertThat(h.chat.disconnect().disconnect(new DisconnectCommand(id))).isPresent();

        assertThat(h.connections.size()).isZero();
        assertThat(h.connections.liveConnectionsOf(List.of(alice), h.clock.instant())).isEmpty();
    }

    @Test
    void disconnecting_twice_or_an_unknown_connection_is_a_no_op() {
        ConnectionId id = h.connect(alice);
        h.chat.disconnect().disconnect(new DisconnectCommand(id));

        assertThat(h.chat.disconnect().disconnect(new DisconnectCommand(id))).isEmpty();
        assertThat(h.chat.disconnect().disconnect(new DisconnectCommand(ConnectionId.of("never")))).isEmpty();
    }

    @Test
    void a_user_may_be_connected_from_many_tabs() {
        ConnectionId tab1 = h.connect(alice);
        ConnectionId tab2 = h.connect(alice);

        assertThat(h.connections.liveConnectionsOf(List.of(alice), h.clock.instant())).extracting(c -> c.id())
                .containsExactlyInAnyOrder(tab1, tab2);
    }
}
