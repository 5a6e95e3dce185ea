package io.chatkit.logging;

import java.util.List;
import java.util.Map;

/**
 * One JSON object on one line, from a map of strings, numbers, booleans, lists and maps (in their order). Log
 * lines and metric documents are not frames, so they are written here rather than with the protocol's Jackson,
 * and this module needs nothing but the JDK.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String line(Map<String, ?> object) {
        StringBuilder json = new StringBuilder(256);
        write(json, object);
        return json.toString();
    }

    private static void write(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",");
                string(json, String.valueOf(entry.getKey()));
                json.append(':');
                write(json, entry.getValue());
                first = false;
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                write(json, list.get(i));
            }
            json.append(']');
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            json.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else {
            string(json, String.valueOf(value));
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped; nothing else needs it. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
