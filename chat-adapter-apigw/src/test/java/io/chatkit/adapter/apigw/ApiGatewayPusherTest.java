package io.chatkit.adapter.apigw;

import io.chatkit.testkit.apigw.LoopbackManagementApi;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.apigw.LoopbackManagementApi.Behaviour;
import io.chatkit.testkit.contract.PusherContract;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.PushResult.Reason;
import io.chatkit.core.port.out.Pusher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The real SDK client over HTTP against a loopback server that answers like API Gateway. */
class ApiGatewayPusherTest extends PusherContract {
    private final LoopbackManagementApi api = LoopbackManagementApi.start("test");
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Duration.ofMillis(500));
    private final ApiGatewayPusher pusher = pusher(ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT);
    private final Notification notification = new Notification.RoomCreated(
            Fixtures.room(Fixtures.user("alice"), Fixtures.user("bob")));

    private ApiGatewayPusher pusher(int maxInFlight) {
        return new ApiGatewayPusher(clients.clientFor(api.endpoint()),
                n -> ("frame:" + n.getClass().getSimpleName()).getBytes(StandardCharsets.UTF_8), executor, maxInFlight);
    }

    @AfterEach
    void stop() {
        clients.close();
        api.close();
        executor.shutdownNow();
    }

    @Override
    protected Pusher pusher() {
        return pusher;
    }

    @Override
    protected ConnectionId openConnection() {
        ConnectionId id = apiGatewayStyleId();
        api.open(id.value());
        return id;
    }

    @Override
    protected ConnectionId goneConnection() {
        return apiGatewayStyleId();
    }

    @Override
    protected int receivedBy(ConnectionId connection) {
        return api.received(connection.value()).size();
    }

    /** Real ids look like {@code L0SM9cOFvHcCIhw=}: the {@code =} travels URL-encoded. */
    private static ConnectionId apiGatewayStyleId() {
        return ConnectionId.of(Fixtures.unique("L0SM9cOF").replace("-", "") + "=");
    }

    private ConnectionId scripted(Behaviour behaviour) {
        ConnectionId id = apiGatewayStyleId();
        api.script(id.value(), behaviour);
        return id;
    }

    @Test
    void the_frame_arrives_as_the_raw_post_body() {
        ConnectionId open = openConnection();

        pusher.push(List.of(open), notification);

        assertThat(api.received(open.value())).containsExactly("frame:RoomCreated");
    }

    @Test
    void every_fault_gets_its_own_outcome_and_the_live_connections_are_still_served() {
        ConnectionId open = openConnection();
        ConnectionId gone = scripted(Behaviour.GONE);
        ConnectionId goneUntyped = scripted(Behaviour.GONE_WITHOUT_ERROR_TYPE);
        ConnectionId forbidden = scripted(Behaviour.FORBIDDEN);
        ConnectionId tooLarge = scripted(Behaviour.PAYLOAD_TOO_LARGE);
        ConnectionId throttledOnce = scripted(Behaviour.THROTTLED_ONCE);
        ConnectionId throttled = scripted(Behaviour.THROTTLED_FOREVER);
        ConnectionId broken = scripted(Behaviour.SERVER_ERROR);
        ConnectionId hanging = scripted(Behaviour.HANG);

        Map<ConnectionId, PushResult> results = pusher.push(
                List.of(open, gone, goneUntyped, forbidden, tooLarge, throttledOnce, throttled, broken, hanging),
                notification);

        assertThat(results.get(open)).isEqualTo(PushResult.delivered());
        assertThat(results.get(gone)).isEqualTo(PushResult.gone());
        assertThat(results.get(goneUntyped)).as("any 410 means gone").isEqualTo(PushResult.gone());
        assertThat(results.get(forbidden)).extracting(r -> ((PushResult.Failed) r).reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(results.get(tooLarge)).extracting(r -> ((PushResult.Failed) r).reason())
                .isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        assertThat(results.get(throttledOnce)).as("a 429 is retried").isEqualTo(PushResult.delivered());
        assertThat(results.get(throttled)).extracting(r -> ((PushResult.Failed) r).reason()).isEqualTo(Reason.THROTTLED);
        assertThat(results.get(broken)).extracting(r -> ((PushResult.Failed) r).reason()).isEqualTo(Reason.ERROR);
        assertThat(results.get(hanging)).extracting(r -> ((PushResult.Failed) r).reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(api.received(open.value())).hasSize(1);
        assertThat(api.received(throttledOnce.value())).hasSize(1);
    }

    @Test
    void throttling_is_retried_a_bounded_number_of_times_and_413_and_403_never() {
        ConnectionId throttled = scripted(Behaviour.THROTTLED_FOREVER);
        ConnectionId tooLarge = scripted(Behaviour.PAYLOAD_TOO_LARGE);
        ConnectionId forbidden = scripted(Behaviour.FORBIDDEN);
        ConnectionId gone = scripted(Behaviour.GONE);

        pusher.push(List.of(throttled, tooLarge, forbidden, gone), notification);

        assertThat(api.attempts(throttled.value())).isEqualTo(ManagementApiClients.MAX_ATTEMPTS);
        assertThat(api.attempts(tooLarge.value())).isEqualTo(1);
        assertThat(api.attempts(forbidden.value())).isEqualTo(1);
        assertThat(api.attempts(gone.value())).isEqualTo(1);
    }

    @Test
    void pushes_run_concurrently_but_never_more_than_the_bound() {
        ApiGatewayPusher bounded = pusher(8);
        api.latency(Duration.ofMillis(30));
        List<ConnectionId> many = Stream.generate(this::openConnection).limit(40).toList();

        Map<ConnectionId, PushResult> results = bounded.push(many, notification);

        assertThat(results.values()).allMatch(PushResult.Delivered.class::isInstance);
        assertThat(api.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(8);
    }

    @Test
    void the_client_is_built_once_per_endpoint() {
        assertThat(clients.clientFor(api.endpoint())).isSameAs(clients.clientFor(api.endpoint()));
        assertThat(ManagementApiClients.endpointOf("abc.execute-api.eu-west-1.amazonaws.com", "prod"))
                .hasToString("https://abc.execute-api.eu-west-1.amazonaws.com/prod");
    }
}
