package io.chatkit.lambda;

import io.chatkit.lambda.json.Json;
import io.chatkit.lambda.json.JsonException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One client frame: a JSON object with {@code action}, an optional {@code requestId}, and fields. */
final class Request {
    /** API Gateway's limit for a WebSocket message. */
    static final int MAX_BYTES = 128 * 1024;
    static final int MAX_REQUEST_ID_LENGTH = 128;

    private final Map<String, Object> body;
    private final Optional<String> requestId;

    private Request(Map<String, Object> body, Optional<String> requestId) {
        this.body = body;
        this.requestId = requestId;
    }

    /** The request id to echo even when the rest of the frame is refused, if it can be read at all. */
    static Optional<String> requestIdOf(String frame) {
        try {
            return Json.parse(frame) instanceof Map<?, ?> map && map.get("requestId") instanceof String id
                    && id.length() <= MAX_REQUEST_ID_LENGTH ? Optional.of(id) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static Request parse(String frame) {
        if (frame == null || frame.isEmpty()) {
            throw new BadRequest(ErrorCode.INVALID_JSON, "the frame is empty; send a JSON object with an action");
        }
        if (frame.length() > MAX_BYTES / 4 && frame.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new BadRequest(ErrorCode.FRAME_TOO_LARGE, "the frame is larger than 128 KB");
        }
        Object body;
        try {
            body = Json.parse(frame);
        } catch (JsonException e) {
            throw new BadRequest(ErrorCode.INVALID_JSON, "the frame is not valid JSON: " + e.getMessage());
        }
        if (!(body instanceof Map)) {
            throw new BadRequest(ErrorCode.INVALID_JSON, "the frame must be a JSON object");
        }
        Request request = new Request((Map<String, Object>) body, Optional.empty());
        Optional<String> requestId = request.optionalText("requestId");
        if (requestId.isPresent() && requestId.get().length() > MAX_REQUEST_ID_LENGTH) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, "requestId is longer than " + MAX_REQUEST_ID_LENGTH);
        }
        return new Request(request.body, requestId);
    }

    Optional<String> requestId() {
        return requestId;
    }

    String action() {
        Object action = body.get("action");
        if (action == null) {
            throw new BadRequest(ErrorCode.UNKNOWN_ACTION, "action is missing");
        }
        if (!(action instanceof String text)) {
            throw new BadRequest(ErrorCode.UNKNOWN_ACTION, "action must be a string");
        }
        return text;
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> new BadRequest(ErrorCode.MISSING_FIELD, field + " is required"));
    }

    Optional<String> optionalText(String field) {
        Object value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be a string");
        }
        return Optional.of(text);
    }

    Optional<Integer> optionalInt(String field) {
        Object value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(((BigDecimal) value).intValueExact());
        } catch (ClassCastException | ArithmeticException e) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be an integer");
        }
    }

    List<String> texts(String field) {
        Object value = body.get(field);
        if (value == null) {
            throw new BadRequest(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (!(value instanceof List<?> list)) {
            throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw new BadRequest(ErrorCode.INVALID_INPUT, field + " must be an array of strings");
            }
            texts.add(text);
        }
        return texts;
    }
}
