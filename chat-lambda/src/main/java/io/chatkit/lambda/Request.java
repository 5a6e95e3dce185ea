package io.chatkit.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One client frame: a JSON object with {@code action}, an optional {@code requestId}, and fields. */
final class Request {
    /** API Gateway's limit for a WebSocket message. */
    static final int MAX_BYTES = 128 * 1024;
    static final int MAX_REQUEST_ID_LENGTH = 128;

    private final JsonNode body;
    private final Optional<String> requestId;

    private Request(JsonNode body, Optional<String> requestId) {
        this.body = body;
        this.requestId = requestId;
    }

    /** The request id to echo even when the rest of the frame is refused, if it can be read at all. */
    static Optional<String> requestIdOf(ObjectMapper json, String frame) {
        try {
            JsonNode node = json.readTree(frame);
            JsonNode id = node == null ? null : node.get("requestId");
            return id != null && id.isTextual() && id.asText().length() <= MAX_REQUEST_ID_LENGTH
                    ? Optional.of(id.asText()) : Optional.empty();
        } catch (JacksonException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Request parse(ObjectMapper json, String frame) {
        if (frame == null || frame.isEmpty()) {
            throw new BadRequest(ErrorCode.INVALID_JSON, "the frame is empty; send a JSON object with an action");
        }
        if (frame.length() > MAX_BYTES / 4 && frame.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new BadRequest(ErrorCode.FRAME_TOO_LARGE, "the frame is larger than 128 KB");
        }
        JsonNode body;
        try {
            body = json.readTree(frame);
        } catch (JacksonException e) {
            throw new BadRequest(ErrorCode.INVALID_JSON, "the frame is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest(ErrorCode.INVALID_JSON, "the frame must be a JSON object");
        }
        Request request = new Request(body, Optional.empty());
        Optional<String> requestId = request.optionalText("requestId");
        if (requestId.isPresent() && requestId.get().length() > MAX_REQUEST_ID_LENGTH) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, "requestId is longer than " + MAX_REQUEST_ID_LENGTH);
        }
        return new Request(body, requestId);
    }

    Optional<String> requestId() {
        return requestId;
    }

    String action() {
        JsonNode action = body.get("action");
        if (action == null || action.isNull()) {
            throw new BadRequest(ErrorCode.UNKNOWN_ACTION, "action is missing");
        }
        if (!action.isTextual()) {
            throw new BadRequest(ErrorCode.UNKNOWN_ACTION, "action must be a string");
        }
        return action.asText();
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> new BadRequest(ErrorCode.MISSING_FIELD, field + " is required"));
    }

    Optional<String> optionalText(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    Optional<Integer> optionalInt(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be an integer");
        }
        return Optional.of(value.asInt());
    }

    List<String> texts(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequest(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (!value.isArray()) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be an array of strings");
            }
            texts.add(element.asText());
        }
        return texts;
    }
}
