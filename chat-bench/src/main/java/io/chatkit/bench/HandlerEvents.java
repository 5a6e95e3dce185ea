package io.chatkit.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import java.util.Map;

/** WebSocket events as API Gateway sends them, for driving the handler. */
final class HandlerEvents {
    private HandlerEvents() {
    }

    static APIGatewayV2WebSocketEvent connect(String connectionId, String token) {
        APIGatewayV2WebSocketEvent event = event(connectionId, "$connect", "CONNECT");
        event.setQueryStringParameters(Map.of("token", token));
        return event;
    }

    static APIGatewayV2WebSocketEvent message(String connectionId, String routeKey, String body) {
        APIGatewayV2WebSocketEvent event = event(connectionId, routeKey, "MESSAGE");
        event.setBody(body);
        return event;
    }

    private static APIGatewayV2WebSocketEvent event(String connectionId, String routeKey, String eventType) {
        RequestContext context = new RequestContext();
        context.setConnectionId(connectionId);
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setDomainName("bench.execute-api.us-east-1.amazonaws.com");
        context.setStage("bench");
        context.setConnectedAt(System.currentTimeMillis());
        context.setRequestTimeEpoch(System.currentTimeMillis());
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        return event;
    }

    /** The room id from a {@code roomCreated} reply. */
    static String roomIdOf(String reply) {
        int field = reply.indexOf("\"chatRoomId\":\"");
        if (field < 0) {
            throw new IllegalStateException("no room in the reply: " + reply);
        }
        int start = field + 14;
        return reply.substring(start, reply.indexOf('"', start));
    }
}
