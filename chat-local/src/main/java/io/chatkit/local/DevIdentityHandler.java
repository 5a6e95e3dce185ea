package io.chatkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.UserId;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
            case "/config.json" -> json(response, callback, 200, JSON.createObjectNode()
                    .put("websocketUrl", websocketUrl.get()).put("localOnly", true).toString());
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
            JsonNode body = JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
            username = UserId.of(body.path("username").asText(null)).value();
        } catch (InvalidInputException e) {
            json(response, callback, 400, JSON.createObjectNode().put("message", e.getMessage()).toString());
            return;
        } catch (Exception e) {
            json(response, callback, 400, "{\"message\":\"send {\\\"username\\\": \\\"alice\\\"}\"}");
            return;
        }
        String token = identity.mint(UserId.of(username));
        json(response, callback, 200, JSON.createObjectNode().put("token", token).put("username", username)
                .put("expiresIn", LocalIdentityProvider.TOKEN_LIFETIME.toSeconds()).toString());
    }

    private static void json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}
