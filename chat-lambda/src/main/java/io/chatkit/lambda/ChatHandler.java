package io.chatkit.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.protocol.ErrorCode;
import io.chatkit.protocol.Refusal;
import io.chatkit.protocol.Reply;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;

/**
 * The Lambda entry point for every route of the WebSocket API ({@code $connect}, {@code $disconnect},
 * {@code $default} and one route per action). Configure it as
 * {@code io.chatkit.lambda.ChatHandler::handleRequest} on each function. It is thin: it turns the
 * event into a command (for {@code $connect} and {@code $disconnect}) or hands the frame to the
 * {@link ChatProtocol}, and answers with the reply frame, sent back to the caller through the route's
 * response; notifications to other connections go through the pusher.
 */
public final class ChatHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final System.Logger LOG = System.getLogger(ChatHandler.class.getName());

    private final Composition composition;
    /** Held here because CRaC keeps only a weak reference to what is registered. */
    private final SnapStartPriming priming;

    /**
     * Used by Lambda: everything is built once per container, from the environment, and SnapStart's hooks
     * are registered (outside SnapStart they are never called).
     */
    public ChatHandler() {
        this(LambdaComposition.fromEnvironment());
        org.crac.Core.getGlobalContext().register(priming);
    }

    public ChatHandler(Composition composition) {
        this.composition = composition;
        this.priming = new SnapStartPriming(this, composition);
    }

    /** SnapStart's hooks for this handler; Lambda calls them through the CRaC context, tests directly. */
    SnapStartPriming priming() {
        return priming;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        RequestContext request = event.getRequestContext();
        String eventType = request.getEventType() == null ? "MESSAGE" : request.getEventType();
        return switch (eventType) {
            case "CONNECT" -> connect(event, request);
            case "DISCONNECT" -> disconnect(request);
            default -> message(event, request);
        };
    }

    private APIGatewayV2WebSocketResponse connect(APIGatewayV2WebSocketEvent event, RequestContext request) {
        Map<String, String> query = event.getQueryStringParameters();
        String token = query == null ? null : query.get("token");
        TokenVerifier.Verification verification = composition.tokens().verify(token);
        if (verification instanceof TokenVerifier.Verification.Invalid invalid) {
            LOG.log(Level.WARNING, "$connect {0} refused: {1}", request.getConnectionId(), invalid.reason());
            return response(401, "Unauthorized");
        }
        TokenVerifier.Verification.Valid valid = (TokenVerifier.Verification.Valid) verification;
        Instant connectedAt = request.getConnectedAt() > 0 ? Instant.ofEpochMilli(request.getConnectedAt()) : Instant.now();
        return composition.chatFor(request).connect().connect(new ConnectCommand(
                        ConnectionId.of(request.getConnectionId()), valid.user(), connectedAt, valid.expiresAt()))
                .fold(connection -> response(200, null), rejection -> {
                    LOG.log(Level.WARNING, "$connect {0} refused: {1}", request.getConnectionId(), rejection.message());
                    return response(429, "Too Many Requests");
                });
    }

    /** Always 200: API Gateway ignores the answer, and the connection is gone whatever happens here. */
    private APIGatewayV2WebSocketResponse disconnect(RequestContext request) {
        try {
            composition.chatFor(request).disconnect().disconnect(
                    new DisconnectCommand(ConnectionId.of(request.getConnectionId())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "$disconnect " + request.getConnectionId() + " failed; the TTL will remove it", e);
        }
        return response(200, null);
    }

    /** Every frame goes to the protocol; its outcome becomes the route response's status. */
    private APIGatewayV2WebSocketResponse message(APIGatewayV2WebSocketEvent event, RequestContext request) {
        ChatProtocol protocol;
        try {
            protocol = new ChatProtocol(composition.chatFor(request));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "no chat for the stage of connection " + request.getConnectionId(), e);
            return response(500, ChatProtocol.errorFrame(new Refusal(ErrorCode.INTERNAL_ERROR,
                    "the request failed on our side; it is safe to retry")));
        }
        Reply reply = protocol.handle(ConnectionId.of(request.getConnectionId()), event.getBody());
        return response(switch (reply.outcome()) {
            case ANSWERED -> 200;
            case REFUSED -> 400;
            case FAILED -> 500;
        }, reply.frame());
    }

    private static APIGatewayV2WebSocketResponse response(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        if (body != null) {
            response.setBody(body);
        }
        return response;
    }
}
