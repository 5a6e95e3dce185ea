package io.chatkit.protocol;

import java.util.Locale;
import java.util.Map;

/** Where the wire names things otherwise than the domain: its types in lower case, and the seed's field names. */
final class WireNames {
    /** The domain's names of values the wire's fields call otherwise. */
    private static final Map<String, String> FIELDS = Map.of("roomId", "chatRoomId");

    private WireNames() {
    }

    /** A room or message type on the wire: {@code direct}, {@code group}; {@code user}, {@code system}. */
    static String of(Enum<?> type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** The wire's name of a value the domain names {@code field}. */
    static String field(String field) {
        return FIELDS.getOrDefault(field, field);
    }
}
