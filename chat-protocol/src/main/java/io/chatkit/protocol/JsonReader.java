package io.chatkit.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client frames as JSON values, on Jackson's streaming parser, configured for untrusted frames: duplicate
 * keys refused (API Gateway's route selection might read another one than the handler), trailing content
 * refused, nesting, number and string lengths capped. A frame becomes plain values — {@code Map} (objects,
 * keys in order), {@code List}, {@code String}, {@link JsonNumber} (numbers kept as their text, converted only by
 * a field that wants one), {@code Boolean} and {@link #NULL} — and no text with an unpaired surrogate gets
 * through (it cannot be stored or sent as UTF-8).
 */
final class JsonReader {
    /** JSON {@code null}, distinct from a missing field. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number as it was written: a field converts it, or refuses it, when it needs one. */
    record JsonNumber(String text, boolean integral) {
    }

    private static final int MAX_DEPTH = 8;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(32)
                    .maxStringLength(Request.MAX_BYTES)
                    .maxNameLength(256)
                    .maxDocumentLength(Request.MAX_BYTES)
                    .build())
            .build();

    /** For reading a refused frame once more, leniently: duplicates allowed, no length cap beyond the frame's. */
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** Why a frame is not acceptable JSON, and whether the fault is the syntax or a value in it. */
    static final class Malformed extends Exception {
        private final boolean badValue;

        Malformed(String message, boolean badValue) {
            super(message, null, false, false);
            this.badValue = badValue;
        }

        boolean badValue() {
            return badValue;
        }
    }

    private JsonReader() {
    }

    static Object parse(String json) throws Malformed {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new Malformed("no JSON value", false);
            }
            Object value = value(parser, first);
            if (parser.nextToken() != null) {
                throw new Malformed("content after the JSON value", false);
            }
            return value;
        } catch (JsonProcessingException e) {
            // Jackson checks the surrogates of field names itself (and of nothing else): the same fault as in a value
            String message = firstLine(e.getOriginalMessage());
            throw new Malformed(message, message.toLowerCase(java.util.Locale.ROOT).contains("surrogate"));
        } catch (IOException e) {
            throw new Malformed(firstLine(e.getMessage()), false);
        }
    }

    /**
     * The first string value of a top-level field {@code name}, read leniently up to the first fault of the frame:
     * what a refusal echoes (a {@code requestId} standing before a duplicate key, a bad escape or an unpaired
     * surrogate elsewhere can still be read). Empty when the frame is not an object, the field comes after the
     * fault, or its value is not a string of paired surrogates.
     */
    static Optional<String> leadingText(String json, String name) {
        try (JsonParser parser = LENIENT.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                boolean wanted = name.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(text(parser.getText()))
                            : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException | Malformed | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException, Malformed {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> text(parser.getText());
            case VALUE_NUMBER_INT -> new JsonNumber(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getText(), false);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new Malformed("unexpected " + token, false);
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException, Malformed {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = text(parser.currentName());
            object.put(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static List<Object> array(JsonParser parser) throws IOException, Malformed {
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token));
        }
        return array;
    }

    /** Text with every surrogate paired: anything else is not Unicode text, and UTF-8 cannot carry it. */
    private static String text(String text) throws Malformed {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Malformed("a string holds an unpaired surrogate (\\\\u" + Integer.toHexString(c)
                        + "), which is not text", true);
            }
        }
        return text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
