package io.chatkit.lambda.json;

/** The text is not valid JSON (or nests too deep). */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message, null, false, false);
    }
}
