package io.chatkit.core.service;

import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opaque cursors handed to clients. Each names the list it belongs to (the room, or the user whose
 * rooms are listed), so a cursor taken from one list, or made up, is refused by another instead of
 * pointing into it. Ids never contain the separator, so the fields cannot be shifted.
 */
final class PageCursors {
    private static final String MESSAGES = "m1";
    private static final String ROOMS = "r1";
    private static final char SEPARATOR = '|';

    private PageCursors() {
    }

    static String forMessages(RoomId room, MessageId oldestReturned) {
        return encode(MESSAGES, room.value(), oldestReturned.value());
    }

    static String forRooms(UserId user, RoomPosition lastReturned) {
        return encode(ROOMS, user.value(), lastReturned.lastMessageId().value(), lastReturned.roomId().value());
    }

    /** @throws InvalidCursorException unless the cursor was made by {@link #forMessages} for this room */
    static MessageId messagesOf(RoomId room, String cursor) {
        String[] fields = decode(cursor, MESSAGES, 3);
        if (!fields[1].equals(room.value())) {
            throw new InvalidCursorException("the cursor belongs to another room");
        }
        return parse(() -> MessageId.of(fields[2]));
    }

    /** @throws InvalidCursorException unless the cursor was made by {@link #forRooms} for this user */
    static RoomPosition roomsOf(UserId user, String cursor) {
        String[] fields = decode(cursor, ROOMS, 4);
        if (!fields[1].equals(user.value())) {
            throw new InvalidCursorException("the cursor belongs to another user's list");
        }
        return parse(() -> new RoomPosition(MessageId.of(fields[2]), RoomId.of(fields[3])));
    }

    static Optional<MessageId> messagesOf(RoomId room, Optional<String> cursor) {
        return cursor.map(c -> messagesOf(room, c));
    }

    static Optional<RoomPosition> roomsOf(UserId user, Optional<String> cursor) {
        return cursor.map(c -> roomsOf(user, c));
    }

    /**
     * A page from one item more than the page holds (the store was asked for {@code size + 1}): the extra item
     * only says that more follow, and the cursor then points after the page's last item.
     */
    static <T> Page<T> page(List<T> oneMoreThanSize, int size, Function<T, String> cursorAfter) {
        if (oneMoreThanSize.size() <= size) {
            return new Page<>(oneMoreThanSize, Optional.empty(), Optional.of(cursorAfter));
        }
        List<T> page = oneMoreThanSize.subList(0, size);
        return new Page<>(page, Optional.of(cursorAfter.apply(page.get(size - 1))), Optional.of(cursorAfter));
    }

    /** A page of the items a store returned, and whether more follow them: then the cursor points after its last. */
    static <T> Page<T> page(List<T> items, boolean more, Function<T, String> cursorAfter) {
        if (!more || items.isEmpty()) {
            return new Page<>(items, Optional.empty(), Optional.of(cursorAfter));
        }
        return new Page<>(items, Optional.of(cursorAfter.apply(items.get(items.size() - 1))), Optional.of(cursorAfter));
    }

    private static String encode(String... fields) {
        String joined = String.join(String.valueOf(SEPARATOR), fields);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, String kind, int fieldCount) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > 1024) {
            throw new InvalidCursorException("the cursor is empty or too long");
        }
        String joined;
        try {
            joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("the cursor is not one this server issued");
        }
        String[] fields = joined.split("\\" + SEPARATOR, -1);
        if (fields.length != fieldCount || !fields[0].equals(kind)) {
            throw new InvalidCursorException("the cursor is not one this server issued for this list");
        }
        return fields;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidInputException e) {
            throw new InvalidCursorException("the cursor is not one this server issued");
        }
    }

    static final class InvalidCursorException extends RuntimeException {
        InvalidCursorException(String message) {
            super(message);
        }
    }
}
