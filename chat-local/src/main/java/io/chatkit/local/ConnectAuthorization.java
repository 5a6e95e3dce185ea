package io.chatkit.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code $connect} REQUEST authorizer as API Gateway runs it: an error whose message is {@code Unauthorized} refuses
 * the handshake with 401, any other error with 500, a policy that does not allow with 403; an allowing policy's
 * {@code context} (and {@code principalId}) becomes the connection's authorizer context.
 */
final class ConnectAuthorization {
    /** No authorizer: every handshake goes on to {@code $connect}. */
    static final ConnectAuthorization NONE = new ConnectAuthorization(null, GatewayLog.quiet());

    private final RequestHandler<Map<String, Object>, Map<String, Object>> authorizer;
    private final GatewayLog log;

    ConnectAuthorization(RequestHandler<Map<String, Object>, Map<String, Object>> authorizer, GatewayLog log) {
        this.authorizer = authorizer;
        this.log = log;
    }

    /** The authorizer's verdict on this event as API Gateway turns it into a status; 200 when there is none. */
    int verdict(LocalConnection connection, Map<String, Object> event) {
        if (authorizer == null) {
            return 200;
        }
        Map<String, Object> answer;
        try {
            answer = authorizer.handleRequest(event, null);
        } catch (RuntimeException e) {
            if ("Unauthorized".equals(e.getMessage())) {
                return 401;
            }
            log.note("authorizer failed on $connect: " + e);
            return 500;
        }
        if (answer == null || !allows(answer.get("policyDocument"))) {
            return 403;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        if (answer.get("context") instanceof Map<?, ?> returned) {
            returned.forEach((key, value) -> context.put(String.valueOf(key), value));
        }
        context.put("principalId", answer.get("principalId"));
        connection.authorizerContext = context;
        return 200;
    }

    /** Whether an IAM policy document allows invoking: one statement with {@code Effect: Allow}, none denying. */
    private static boolean allows(Object policy) {
        if (!(policy instanceof Map<?, ?> document) || !(document.get("Statement") instanceof List<?> statements)) {
            return false;
        }
        boolean allowed = false;
        for (Object statement : statements) {
            Object effect = statement instanceof Map<?, ?> map ? map.get("Effect") : null;
            if ("Deny".equals(effect)) {
                return false;
            }
            allowed |= "Allow".equals(effect);
        }
        return allowed;
    }
}
