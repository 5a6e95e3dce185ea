package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase.BlockCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.in.TypingUseCase.TypingCommand;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** "… is typing": to every other member's connections, at most once per user and room every 3 s, stored nowhere. */
class TypingBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");

    @Test
    void typing_reaches_every_connection_of_the_others_and_none_of_the_typists() {
        ConnectionId aliceLaptop = h.connect(alice);
        ConnectionId alicePhone = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        ConnectionId carolTab = h.connect(carol);
        Room room = h.createRoom(alice, bob, carol);
        h.pusher.clear();

        assertThat(accepted(typing(alice, aliceLaptop, room))).isTrue();

        Notification typing = new Notification.Typing(room.id(), alice);
        assertThat(h.pusher.deliveredTo(bobTab)).containsExactly(typing);
        assertThat(h.pusher.deliveredTo(carolTab)).containsExactly(typing);
        assertThat(h.pusher.deliveredTo(aliceLaptop)).isEmpty();
        assertThat(h.pusher.deliveredTo(alicePhone)).as("the typist's other tab").isEmpty();
    }

    @Test
    void ten_typing_in_a_second_make_one_push_per_member_and_the_next_goes_out_after_3_seconds() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        h.pusher.clear();

        for (int i = 0; i < 10; i++) {
            accepted(typing(alice, aliceTab, room));
            h.clock.advance(Duration.ofMillis(100));
        }
        assertThat(h.pusher.deliveredTo(bobTab)).hasSize(1);

        h.clock.advance(Duration.ofSeconds(2)); // 3 s after the first
        assertThat(accepted(typing(alice, aliceTab, room))).isTrue();
        assertThat(h.pusher.deliveredTo(bobTab)).hasSize(2);
    }

    @Test
    void the_throttle_is_per_user_and_room() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        h.connect(carol);
        Room pair = h.createRoom(alice, bob);
        Room group = h.createRoom(alice, bob, carol);
        h.pusher.clear();

        accepted(typing(alice, aliceTab, pair));
        accepted(typing(alice, aliceTab, group));
        accepted(typing(bob, bobTab, group));

        assertThat(h.pusher.deliveredTo(bobTab, Notification.Typing.class)).hasSize(2);
        assertThat(h.pusher.deliveredTo(aliceTab, Notification.Typing.class)).hasSize(1);
    }

    @Test
    void a_stranger_is_refused_and_nobody_hears_anything() {
        h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        ConnectionId carolTab = h.connect(carol);
        Room room = h.createRoom(alice, bob);
        h.pusher.clear();

        Outcome<Boolean> outcome = typing(carol, carolTab, room);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, rejected ->
                assertThat(rejected.rejection().code()).isEqualTo(Rejection.Code.NOT_A_MEMBER));
        assertThat(h.pusher.deliveredTo(bobTab)).isEmpty();
    }

    @Test
    void one_who_blocked_the_typist_does_not_hear_them() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        ConnectionId carolTab = h.connect(carol);
        Room room = h.createRoom(alice, bob, carol);
        accepted(h.chat.blocking().block(new BlockCommand(bob, alice)));
        h.pusher.clear();

        accepted(typing(alice, aliceTab, room));

        assertThat(h.pusher.deliveredTo(bobTab)).isEmpty();
        assertThat(h.pusher.deliveredTo(carolTab)).hasSize(1);
    }

    private Outcome<Boolean> typing(UserId typist, ConnectionId from, Room room) {
        return h.chat.typing().typing(new TypingCommand(typist, from, room.id()));
    }
}
