package io.chatkit.web;

import io.chatkit.auth.LocalIdentityProvider;

import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.AttachmentRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
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
 * {@code GET /config.json} tells the web client where the WebSocket stage is and what it may attach.
 */
public final class DevIdentityHandler extends Handler.Abstract {
    /** The most a {@code /dev/token} body may hold: {@code {"username":…,"expiresIn":…}} takes far less. */
    public static final int MAX_BODY_BYTES = 4 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalIdentityProvider identity;
    private final Supplier<String> websocketUrl;
    private final AttachmentRules attachments;

    public DevIdentityHandler(LocalIdentityProvider identity, Supplier<String> websocketUrl) {
        this(identity, websocketUrl, AttachmentRules.DEFAULTS);
    }

    /** {@code attachments}: the rules the chat applies, which {@code config.json} tells the web client. */
    public DevIdentityHandler(LocalIdentityProvider identity, Supplier<String> websocketUrl,
                              AttachmentRules attachments) {
        this.identity = identity;
        this.websocketUrl = websocketUrl;
        this.attachments = attachments;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/dev/.well-known/jwks.json" -> json(response, callback, 200, identity.jwksJson());
            case "/config.json" -> json(response, callback, 200, write(Map.of("websocketUrl", websocketUrl.get(),
                    "localOnly", true, "attachments", WebClient.attachmentSettings(attachments))));
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
        if (request.getLength() > MAX_BODY_BYTES) {
            json(response, callback, 413, write(Map.of("message", new BodyTooLarge().getMessage())));
            return;
        }
        String username;
        Duration lifetime;
        try {
            JsonNode body = JSON.readTree(bounded(request));
            JsonNode name = body.path("username");
            username = UserId.of(name.isTextual() ? name.asText() : null).value();
            lifetime = lifetimeOf(body.path("expiresIn"));
        } catch (InvalidInputException e) {
            json(response, callback, 400, write(Map.of("message", e.getMessage())));
            return;
        } catch (BodyTooLarge e) {
            json(response, callback, 413, write(Map.of("message", e.getMessage())));
            return;
        } catch (IOException | RuntimeException e) {
            json(response, callback, 400, write(Map.of("message", "send {\"username\": \"alice\"}")));
            return;
        }
        String token = identity.mint(UserId.of(username), lifetime);
        json(response, callback, 200, write(Map.of("token", token, "username", username,
                "expiresIn", lifetime.toSeconds())));
    }

    /** The body, refused (as a bad request) past {@link #MAX_BODY_BYTES} even without a length announced. */
    private static String bounded(Request request) throws IOException {
        java.io.InputStream in = Content.Source.asInputStream(request);
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("the body may hold at most " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** {@code expiresIn} seconds, 1 to the default lifetime; absent: the default. */
    private static Duration lifetimeOf(JsonNode expiresIn) {
        if (expiresIn.isMissingNode() || expiresIn.isNull()) {
            return LocalIdentityProvider.TOKEN_LIFETIME;
        }
        long seconds = expiresIn.canConvertToLong() && expiresIn.isIntegralNumber() ? expiresIn.asLong() : -1;
        if (seconds < 1 || seconds > LocalIdentityProvider.TOKEN_LIFETIME.toSeconds()) {
            throw new InvalidInputException("expiresIn", "must be 1 to "
                    + LocalIdentityProvider.TOKEN_LIFETIME.toSeconds() + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static String write(Map<String, Object> object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}
