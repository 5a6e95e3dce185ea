package io.chatkit.lambda;

import io.chatkit.auth.TokenVerifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.service.ChatServices;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.protocol.ErrorCode;
import io.chatkit.protocol.Handshake;
import io.chatkit.protocol.Refusal;
import io.chatkit.protocol.Reply;
import java.lang.System.Logger.Level;
import java.time.Instant;
import io.chatkit.logging.Invocation;
import io.chatkit.lambda.telemetry.Telemetry;
import java.util.Map;
import java.util.Optional;

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
        Invocation invocation = new Invocation(
                Optional.ofNullable(context).map(Context::getAwsRequestId),
                Optional.ofNullable(request.getRequestId()), Optional.ofNullable(request.getConnectionId()),
                switch (eventType) {
                    case "CONNECT" -> "$connect";
                    case "DISCONNECT" -> "$disconnect";
                    default -> "$default";
                }, System.nanoTime());
        try (Telemetry.Running running = composition.telemetry().start(invocation)) {
            EventAnswer handled;
            try {
                handled = switch (eventType) {
                    case "CONNECT" -> connect(event, request, running);
                    case "DISCONNECT" -> disconnect(request);
                    default -> message(event, request, running);
                };
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the event failed", e);
                handled = failed(event.getBody());
            }
            running.finish(handled.response().getStatusCode(), handled.outcome());
            return handled.response();
        }
    }

    /** The answer to an event, and how it went ({@code ok} or a code). */
    private record EventAnswer(APIGatewayV2WebSocketResponse response, String outcome) {
        static EventAnswer ok(APIGatewayV2WebSocketResponse response) {
            return new EventAnswer(response, "ok");
        }
    }

    /**
     * With a {@link ConnectAuthorizer} in front, API Gateway has verified the token already and hands its context
     * (user, expiry); without one (local runs, stages without the authorizer), the token is verified here.
     */
    private EventAnswer connect(APIGatewayV2WebSocketEvent event, RequestContext request, Telemetry.Running running) {
        TokenVerifier.Verification verification = AuthorizerContext.of(request)
                .map(AuthorizerContext::verification)
                .orElseGet(() -> {
                    Map<String, String> query = event.getQueryStringParameters();
                    return composition.tokens().verify(query == null ? null : query.get("token"));
                });
        if (verification instanceof TokenVerifier.Verification.Invalid invalid) {
            LOG.log(Level.WARNING, "$connect refused: {0}", invalid.reason());
            return new EventAnswer(response(401, "Unauthorized"), "UNAUTHORIZED");
        }
        TokenVerifier.Verification.Valid valid = (TokenVerifier.Verification.Valid) verification;
        running.user(valid.user().value());
        Instant connectedAt = request.getConnectedAt() > 0 ? Instant.ofEpochMilli(request.getConnectedAt()) : Instant.now();
        return composition.chatFor(request).connect().connect(new ConnectCommand(
                        ConnectionId.of(request.getConnectionId()), valid.user(), connectedAt, valid.expiresAt()))
                .fold(connection -> EventAnswer.ok(response(200, null)), rejection -> {
                    LOG.log(Level.WARNING, "$connect refused: {0}", rejection.message());
                    int status = Handshake.refusalStatus(rejection);
                    return new EventAnswer(response(status, status == 401 ? "Unauthorized" : "Too Many Requests"),
                            rejection.code().name());
                });
    }

    /** Always 200: API Gateway ignores the answer, and the connection is gone whatever happens here. */
    private EventAnswer disconnect(RequestContext request) {
        try {
            composition.chatFor(request).disconnect().disconnect(
                    new DisconnectCommand(ConnectionId.of(request.getConnectionId())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "$disconnect failed; the TTL will remove the connection", e);
            return new EventAnswer(response(200, null), ErrorCode.INTERNAL_ERROR.name());
        }
        return EventAnswer.ok(response(200, null));
    }

    /** Every frame goes to the protocol; its outcome becomes the route response's status. */
    private EventAnswer message(APIGatewayV2WebSocketEvent event, RequestContext request, Telemetry.Running running) {
        ChatServices chat;
        try {
            chat = composition.chatFor(request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "no chat for the stage of this connection", e);
            return failed(event.getBody());
        }
        ChatProtocol protocol = new ChatProtocol(chat);
        ConnectionId caller = ConnectionId.of(request.getConnectionId());
        // the user API Gateway carries from the $connect authorizer: no look-up of the connection's first frame here
        AuthorizerContext.of(request).ifPresent(known -> chat.identify().recognise(caller, known.user()));
        Reply reply = protocol.handle(caller, event.getBody());
        reply.action().ifPresent(running::route);
        reply.user().ifPresent(user -> running.user(user.value()));
        int status = switch (reply.outcome()) {
            case ANSWERED -> 200;
            case REFUSED -> 400;
            case FAILED -> 500;
        };
        return new EventAnswer(response(status, reply.hasFrame() ? reply.frame() : null), reply.code().map(ErrorCode::name).orElse("ok"));
    }

    /** A 500 for an event the chat could not run; a frame's {@code requestId} is echoed when it can be read. */
    private static EventAnswer failed(String frame) {
        Refusal failure = new Refusal(ErrorCode.INTERNAL_ERROR, "the request failed on our side; it is safe to retry");
        return new EventAnswer(response(500, frame == null ? ChatProtocol.errorFrame(failure)
                : ChatProtocol.errorFrame(failure, frame)), ErrorCode.INTERNAL_ERROR.name());
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
