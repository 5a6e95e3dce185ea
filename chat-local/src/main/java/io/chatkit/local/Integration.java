package io.chatkit.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * A route's {@code AWS_PROXY} integration: the handler, invoked with the event, its answer as API Gateway takes it —
 * none is 200, a failure is 500 (and a line in the gateway's log).
 */
final class Integration {
    private final RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler;
    private final GatewayLog log;

    Integration(RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler, GatewayLog log) {
        this.handler = handler;
        this.log = log;
    }

    APIGatewayV2WebSocketResponse invoke(APIGatewayV2WebSocketEvent event) {
        try {
            APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
            return response != null ? response : status(200);
        } catch (RuntimeException e) {
            log.note("integration failed on " + event.getRequestContext().getRouteKey() + ": " + e);
            return status(500);
        }
    }

    private static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }
}
