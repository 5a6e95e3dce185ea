package io.chatkit.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.lang.System.Logger.Level;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks (the CRaC {@link Resource} API that Lambda calls).
 *
 * <p>{@link #beforeCheckpoint} runs, before the snapshot is taken, the path a first request takes: the
 * JSON protocol, the use case, the DynamoDB client's whole request pipeline (signing, marshalling, HTTP)
 * through one harmless read — a {@code listRooms} from a connection that does not exist, which looks up
 * {@code CONNECTION#…} and writes nothing — the Management API client for a placeholder endpoint, and the
 * JWT verifier's parsing classes. A restored function then starts with those classes loaded and that code
 * compiled, instead of paying for them on the first user's request.
 *
 * <p>{@link #afterRestore} renews what must differ between restored copies: the random source of room and
 * message ids (see {@link RenewableIds}).
 */
final class SnapStartPriming implements Resource {
    static final String PRIMING_CONNECTION = "snapstart-priming";
    private static final System.Logger LOG = System.getLogger(SnapStartPriming.class.getName());

    private final ChatHandler handler;
    private final Composition composition;

    SnapStartPriming(ChatHandler handler, Composition composition) {
        this.handler = handler;
        this.composition = composition;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        APIGatewayV2WebSocketResponse answer = handler.handleRequest(primingEvent(), null);
        LOG.log(Level.INFO, "primed before the snapshot: listRooms from an unknown connection answered {0}",
                answer.getStatusCode());
        try {
            composition.tokens().verify("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcmltaW5nIn0.c2lnbmF0dXJl");
        } catch (RuntimeException notConfiguredOrUnreachable) {
            // Functions that do not serve $connect have no user pool configured, and a pool that cannot be
            // reached now is asked again on the first $connect: priming never fails the snapshot.
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        composition.renewAfterRestore();
        composition.telemetry().restored();
    }

    private static APIGatewayV2WebSocketEvent primingEvent() {
        APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
        request.setEventType("MESSAGE");
        request.setRouteKey("listRooms");
        request.setConnectionId(PRIMING_CONNECTION);
        request.setDomainName("snapstart-priming.invalid");
        request.setStage("priming");
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(request);
        event.setBody("{\"action\":\"listRooms\",\"requestId\":\"snapstart-priming\"}");
        return event;
    }
}
