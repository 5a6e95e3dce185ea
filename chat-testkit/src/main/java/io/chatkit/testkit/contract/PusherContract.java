package io.chatkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.Pusher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Pusher} must do. The adapter's test supplies connections that are open or gone. */
public abstract class PusherContract {

    protected abstract Pusher pusher();

    /** A connection that accepts pushes. */
    protected abstract ConnectionId openConnection();

    /** A connection that no longer exists (the gateway answers 410 Gone). */
    protected abstract ConnectionId goneConnection();

    /** How many notifications the connection has received. */
    protected abstract int receivedBy(ConnectionId connection);

    private final Notification notification = new Notification.RoomCreated(
            Fixtures.room(Fixtures.user("alice"), Fixtures.user("bob")));

    @Test
    void every_open_connection_gets_the_notification() {
        ConnectionId first = openConnection();
        ConnectionId second = openConnection();

        Map<ConnectionId, PushResult> results = pusher().push(List.of(first, second), notification);

        assertThat(results).containsOnlyKeys(first, second);
        assertThat(results.values()).allMatch(PushResult.Delivered.class::isInstance);
        assertThat(receivedBy(first)).isEqualTo(1);
        assertThat(receivedBy(second)).isEqualTo(1);
    }

    @Test
    void a_gone_connection_is_reported_gone_and_the_others_are_still_served() {
        ConnectionId open = openConnection();
        ConnectionId gone = goneConnection();
        ConnectionId alsoOpen = openConnection();

        Map<ConnectionId, PushResult> results = pusher().push(List.of(open, gone, alsoOpen), notification);

        assertThat(results.get(gone)).isInstanceOf(PushResult.Gone.class);
        assertThat(results.get(open)).isInstanceOf(PushResult.Delivered.class);
        assertThat(results.get(alsoOpen)).isInstanceOf(PushResult.Delivered.class);
        assertThat(receivedBy(open)).isEqualTo(1);
        assertThat(receivedBy(alsoOpen)).isEqualTo(1);
    }

    @Test
    void a_closed_connection_is_gone_for_later_pushes_and_closing_it_again_is_harmless() {
        ConnectionId closing = openConnection();
        ConnectionId other = openConnection();

        pusher().close(closing);
        pusher().close(closing);
        pusher().close(goneConnection());
        Map<ConnectionId, PushResult> results = pusher().push(List.of(closing, other), notification);

        assertThat(results.get(closing)).isInstanceOf(PushResult.Gone.class);
        assertThat(results.get(other)).isInstanceOf(PushResult.Delivered.class);
        assertThat(receivedBy(closing)).isZero();
    }

    @Test
    void a_connection_named_twice_gets_the_notification_once() {
        ConnectionId open = openConnection();

        Map<ConnectionId, PushResult> results = pusher().push(List.of(open, open), notification);

        assertThat(results).hasSize(1);
        assertThat(receivedBy(open)).isEqualTo(1);
    }

    @Test
    void pushing_to_nobody_reports_nothing() {
        assertThat(pusher().push(List.of(), notification)).isEmpty();
    }

    @Test
    void many_connections_are_all_served() {
        List<ConnectionId> connections = java.util.stream.Stream.generate(this::openConnection).limit(50).toList();

        Map<ConnectionId, PushResult> results = pusher().push(connections, notification);

        assertThat(results).hasSize(50);
        assertThat(results.values()).allMatch(PushResult.Delivered.class::isInstance);
        assertThat(connections).allMatch(c -> receivedBy(c) == 1);
    }
}
