package io.chatkit.local;

import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.UserId;
import io.chatkit.lambda.json.Json;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * LOCAL USE ONLY: {@code POST /dev/token} with {@code {"username":"alice"}} answers a signed id token
 * for that user, no password asked; {@code GET /dev/.well-known/jwks.json} serves the public key; and
 * {@code GET /config.json} tells the web client where the WebSocket stage is.
 */
final class DevIdentityHandler extends Handler.Abstract {
    private final LocalIdentityProvider identity;
    private final java.util.function.Supplier<String> websocketUrl;

    DevIdentityHandler(LocalIdentityProvider identity, java.util.function.Supplier<String> websocketUrl) {
        this.identity = identity;
        this.websocketUrl = websocketUrl;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/dev/.well-known/jwks.json" -> json(response, callback, 200, identity.jwksJson());
            case "/config.json" -> json(response, callback, 200,
                    Json.write(Map.of("websocketUrl", websocketUrl.get(), "localOnly", true)));
            case "/dev/token" -> token(request, response, callback);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void token(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            json(response, callback, 405, "{\"message\":\"POST {\\\"username\\\": \\\"…\\\"}\"}");
            return;
        }
        String username;
        try {
            Object body = Json.parse(Content.Source.asString(request, StandardCharsets.UTF_8));
            Object name = body instanceof Map<?, ?> map ? map.get("username") : null;
            username = UserId.of(name instanceof String text ? text : null).value();
        } catch (InvalidInputException e) {
            json(response, callback, 400, Json.write(Map.of("message", e.getMessage())));
            return;
        } catch (RuntimeException e) {
            json(response, callback, 400, Json.write(Map.of("message", "send {\"username\": \"alice\"}")));
            return;
        }
        String token = identity.mint(UserId.of(username));
        Map<String, Object> answer = Json.object();
        answer.put("token", token);
        answer.put("username", username);
        answer.put("expiresIn", LocalIdentityProvider.TOKEN_LIFETIME.toSeconds());
        json(response, callback, 200, Json.write(answer));
    }

    private static void json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}
