package io.chatkit.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestIdentity;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the events API Gateway hands a WebSocket integration, as captured from real stages. */
final class GatewayEvents {
    private final String domainName;
    private final String stage;
    private final Clock clock;

    GatewayEvents(String domainName, String stage, Clock clock) {
        this.domainName = domainName;
        this.stage = stage;
        this.clock = clock;
    }

    /**
     * What API Gateway hands a {@code $connect} REQUEST authorizer: the route's method ARN, the handshake's headers
     * and query string, and the request context, as plain JSON (an authorizer has no typed event in the Java
     * events library).
     */
    Map<String, Object> authorizer(String connectionId, long connectedAt, Map<String, String> query,
                                   Map<String, String> headers, String sourceIp) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", "$connect");
        context.put("eventType", "CONNECT");
        context.put("messageDirection", "IN");
        context.put("stage", stage);
        context.put("connectedAt", connectedAt);
        context.put("requestTimeEpoch", clock.millis());
        context.put("requestId", randomId());
        context.put("domainName", domainName);
        context.put("connectionId", connectionId);
        context.put("apiId", "local");
        context.put("identity", Map.of("sourceIp", sourceIp));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "REQUEST");
        event.put("methodArn", "arn:aws:execute-api:local:000000000000:local/" + stage + "/$connect");
        event.put("headers", headers);
        event.put("queryStringParameters", query);
        event.put("stageVariables", Map.of());
        event.put("requestContext", context);
        return event;
    }

    APIGatewayV2WebSocketEvent connect(String connectionId, long connectedAt, Map<String, String> query,
                                       Map<String, String> headers, String sourceIp) {
        APIGatewayV2WebSocketEvent event = event("$connect", "CONNECT", connectionId, connectedAt, sourceIp);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setHeaders(headers);
        return event;
    }

    APIGatewayV2WebSocketEvent message(String connectionId, long connectedAt, String routeKey, String body,
                                       String sourceIp) {
        APIGatewayV2WebSocketEvent event = event(routeKey, "MESSAGE", connectionId, connectedAt, sourceIp);
        event.getRequestContext().setMessageId(randomId());
        event.setBody(body);
        return event;
    }

    APIGatewayV2WebSocketEvent disconnect(String connectionId, long connectedAt, String sourceIp) {
        return event("$disconnect", "DISCONNECT", connectionId, connectedAt, sourceIp);
    }

    private APIGatewayV2WebSocketEvent event(String routeKey, String eventType, String connectionId, long connectedAt,
                                             String sourceIp) {
        RequestContext context = new RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setMessageDirection("IN");
        context.setConnectionId(connectionId);
        context.setDomainName(domainName);
        context.setStage(stage);
        context.setApiId("local");
        context.setConnectedAt(connectedAt);
        context.setRequestTimeEpoch(clock.millis());
        String requestId = randomId();
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        RequestIdentity identity = new RequestIdentity();
        identity.setSourceIp(sourceIp);
        context.setIdentity(identity);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** Ids in API Gateway's shape, e.g. {@code L0SM9cOFvHcCIhw=}: 15 letters and digits and a final {@code =}. */
    static String connectionId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 15; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.append('=').toString();
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
