package io.chatkit.adapter.apigw;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.PushResult.Reason;
import io.chatkit.core.port.out.Pusher;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * Pushes through the API Gateway Management API ({@code POST /{stage}/@connections/{id}}), to many
 * connections at once with a bounded number in flight. Every connection gets its own outcome: one
 * slow or failing connection never fails the others.
 *
 * <ul>
 *   <li>410 (GoneException, or any 410) → {@link PushResult.Gone}: the core forgets that connection.</li>
 *   <li>429 (LimitExceededException) → retried with backoff by the client's retry strategy (bounded,
 *       see {@link ManagementApiClients}), then {@code Failed(THROTTLED)}.</li>
 *   <li>403 → {@code Failed(FORBIDDEN)}, logged as an error: the function lacks
 *       {@code execute-api:ManageConnections} or the endpoint names the wrong stage. Nothing is deleted.</li>
 *   <li>413 → {@code Failed(PAYLOAD_TOO_LARGE)}, never retried.</li>
 * </ul>
 */
public final class ApiGatewayPusher implements Pusher {
    /** Pushes in flight at once: one wave for a 50-member room with two connections each (see ChatThreads). */
    public static final int DEFAULT_MAX_IN_FLIGHT = 128;
    private static final System.Logger LOG = System.getLogger(ApiGatewayPusher.class.getName());

    private final ApiGatewayManagementApiClient client;
    private final NotificationEncoder encoder;
    private final Executor executor;
    private final int maxInFlight;

    public ApiGatewayPusher(ApiGatewayManagementApiClient client, NotificationEncoder encoder, Executor executor,
                            int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.client = client;
        this.encoder = encoder;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
    }

    /**
     * A pusher per callback endpoint (each API Gateway stage has its own), sharing the clients' HTTP client
     * and the executor, with the default bound of pushes in flight: what a runtime composes.
     */
    public static Function<URI, Pusher> perEndpoint(ManagementApiClients clients, NotificationEncoder encoder,
                                                    Executor executor) {
        return endpoint -> new ApiGatewayPusher(clients.clientFor(endpoint), encoder, executor, DEFAULT_MAX_IN_FLIGHT);
    }

    @Override
    public Map<ConnectionId, PushResult> push(Collection<ConnectionId> connections, Notification notification) {
        List<ConnectionId> distinct = List.copyOf(new LinkedHashSet<>(connections));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        SdkBytes frame = SdkBytes.fromByteArrayUnsafe(encoder.encode(notification));
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<PushResult>> pending = new ArrayList<>(distinct.size());
        for (ConnectionId connection : distinct) {
            inFlight.acquireUninterruptibly();
            pending.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post(connection, frame);
                } finally {
                    inFlight.release();
                }
            }, executor));
        }
        Map<ConnectionId, PushResult> results = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            results.put(distinct.get(i), pending.get(i).join());
        }
        return results;
    }

    /** {@code DELETE @connections/{id}}; 410 means it is gone already, which is what was wanted. */
    @Override
    public void close(ConnectionId connection) {
        try {
            client.deleteConnection(b -> b.connectionId(connection.value()));
        } catch (GoneException e) {
            // closed already
        } catch (SdkServiceException e) {
            if (e.statusCode() != 410) {
                LOG.log(Level.WARNING, "closing connection {0} failed: {1} {2}", connection, e.statusCode(),
                        e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing connection {0} failed: {1}", connection, e.getMessage());
        }
    }

    private PushResult post(ConnectionId connection, SdkBytes frame) {
        try {
            client.postToConnection(b -> b.connectionId(connection.value()).data(frame));
            return PushResult.delivered();
        } catch (GoneException e) {
            return PushResult.gone();
        } catch (ForbiddenException e) {
            return forbidden(connection, e);
        } catch (PayloadTooLargeException e) {
            return PushResult.failed(Reason.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (LimitExceededException e) {
            return PushResult.failed(Reason.THROTTLED, e.getMessage());
        } catch (SdkServiceException e) {
            return byStatus(connection, e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            return PushResult.failed(Reason.TIMEOUT, e.getMessage());
        } catch (RuntimeException e) {
            return PushResult.failed(Reason.ERROR, e.getMessage());
        }
    }

    private static PushResult byStatus(ConnectionId connection, SdkServiceException e) {
        return switch (e.statusCode()) {
            case 410 -> PushResult.gone();
            case 403 -> forbidden(connection, e);
            case 413 -> PushResult.failed(Reason.PAYLOAD_TOO_LARGE, e.getMessage());
            case 429 -> PushResult.failed(Reason.THROTTLED, e.getMessage());
            default -> PushResult.failed(Reason.ERROR, e.statusCode() + " " + e.getMessage());
        };
    }

    private static PushResult forbidden(ConnectionId connection, RuntimeException e) {
        LOG.log(Level.ERROR, "403 posting to connection {0}: the function may lack execute-api:ManageConnections "
                + "on this API, or the callback endpoint names the wrong stage. {1}", connection, e.getMessage());
        return PushResult.failed(Reason.FORBIDDEN, e.getMessage());
    }
}
