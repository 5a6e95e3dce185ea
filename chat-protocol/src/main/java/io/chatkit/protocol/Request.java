package io.chatkit.protocol;

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

    /**
     * The request id to echo even when the rest of the frame is refused, if it can be read at all: a lenient
     * second read, up to the frame's first fault (so a {@code requestId} written before it is found).
     */
    static Optional<String> requestIdOf(String frame) {
        return frame == null ? Optional.empty() : JsonReader.leadingText(frame, "requestId")
                .filter(id -> id.length() <= MAX_REQUEST_ID_LENGTH);
    }

    @SuppressWarnings("unchecked")
    static Request parse(String frame) {
        if (frame == null || frame.isEmpty()) {
            throw new Refusal.Raised(ErrorCode.INVALID_JSON, "the frame is empty; send a JSON object with an action");
        }
        if (frame.length() > MAX_BYTES / 4 && frame.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new Refusal.Raised(ErrorCode.FRAME_TOO_LARGE, "the frame is larger than 128 KB");
        }
        Object body;
        try {
            body = JsonReader.parse(frame);
        } catch (JsonReader.Malformed e) {
            throw e.badValue() ? new Refusal.Raised(ErrorCode.INVALID_INPUT, e.getMessage())
                    : new Refusal.Raised(ErrorCode.INVALID_JSON, "the frame is not valid JSON: " + e.getMessage());
        }
        if (!(body instanceof Map)) {
            throw new Refusal.Raised(ErrorCode.INVALID_JSON, "the frame must be a JSON object");
        }
        Request request = new Request((Map<String, Object>) body, Optional.empty());
        Optional<String> requestId = request.optionalText("requestId");
        if (requestId.isPresent() && requestId.get().length() > MAX_REQUEST_ID_LENGTH) {
            throw new Refusal.Raised(ErrorCode.INVALID_INPUT, "requestId is longer than " + MAX_REQUEST_ID_LENGTH);
        }
        return new Request(request.body, requestId);
    }

    Optional<String> requestId() {
        return requestId;
    }

    String action() {
        Object action = field("action");
        if (action == null) {
            throw new Refusal.Raised(ErrorCode.UNKNOWN_ACTION, "action is missing");
        }
        if (!(action instanceof String text)) {
            throw new Refusal.Raised(ErrorCode.UNKNOWN_ACTION, "action must be a string");
        }
        return text;
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> new Refusal.Raised(ErrorCode.MISSING_FIELD, field + " is required"));
    }

    Optional<String> optionalText(String field) {
        Object value = field(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new Refusal.Raised(ErrorCode.INVALID_INPUT, field + " must be a string");
        }
        return Optional.of(text);
    }

    /** An integer field: any other number, however written (1.5, 1e9999999999, 40 digits), is refused. */
    Optional<Integer> optionalInt(String field) {
        Object value = field(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonReader.JsonNumber number && number.integral() && number.text().length() <= 11) {
            try {
                return Optional.of(new BigDecimal(number.text()).intValueExact());
            } catch (ArithmeticException | NumberFormatException outOfRange) {
                // refused below
            }
        }
        throw new Refusal.Raised(ErrorCode.INVALID_INPUT, field + " must be an integer");
    }

    /** A required whole number of at most 15 digits ({@code size}). */
    long wholeNumber(String field) {
        Object value = field(field);
        if (value == null) {
            throw new Refusal.Raised(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (value instanceof JsonReader.JsonNumber number && number.integral() && number.text().length() <= 15) {
            try {
                return new BigDecimal(number.text()).longValueExact();
            } catch (ArithmeticException | NumberFormatException outOfRange) {
                // refused below
            }
        }
        throw new Refusal.Raised(ErrorCode.INVALID_INPUT, field + " must be a whole number");
    }

    List<String> texts(String field) {
        Object value = field(field);
        if (value == null) {
            throw new Refusal.Raised(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (!(value instanceof List<?> list)) {
            throw new Refusal.Raised(ErrorCode.INVALID_INPUT, field + " must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw new Refusal.Raised(ErrorCode.INVALID_INPUT, field + " must be an array of strings");
            }
            texts.add(text);
        }
        return texts;
    }

    /** A required {@code true} or {@code false}. */
    boolean bool(String field) {
        Object value = field(field);
        if (value == null) {
            throw new Refusal.Raised(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (!(value instanceof Boolean bool)) {
            throw new Refusal.Raised(ErrorCode.INVALID_INPUT, field + " must be true or false");
        }
        return bool;
    }

    /** Whether the field is there (and not JSON {@code null}). */
    boolean hasField(String name) {
        return field(name) != null;
    }

    /** The field's value, with JSON {@code null} read as missing. */
    private Object field(String name) {
        Object value = body.get(name);
        return value == JsonReader.NULL ? null : value;
    }
}
