package io.chatkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/** API Gateway's route selection on {@code $request.body.action}: a route key, or {@code $default} when none matches. */
final class RouteSelection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> routeKeys;

    RouteSelection(Set<String> routeKeys) {
        this.routeKeys = Set.copyOf(routeKeys);
    }

    String routeKeyOf(String frame) {
        try {
            JsonNode action = JSON.readTree(frame).path("action");
            if (action.isTextual() && routeKeys.contains(action.asText())) {
                return action.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // not JSON: no route can match
        }
        return "$default";
    }
}
