package io.chatkit.protocol;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.GetMessagesUseCase.MessagesPage;
import io.chatkit.core.port.in.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's frames: {@code {"type": …, "data": {…}}}, plus {@code requestId} on replies. Field
 * names follow the seed series' client ({@code chatRoomId}, {@code participantIds}, …).
 */
final class Frames {

    byte[] encode(Notification notification) {
        return JsonFrames.write(notification(notification)).getBytes(StandardCharsets.UTF_8);
    }

    Map<String, Object> notification(Notification notification) {
        if (notification instanceof Notification.MessagePosted posted) {
            return frame("message", message(posted.message(), false));
        }
        if (notification instanceof Notification.MessagesRead read) {
            Map<String, Object> data = JsonFrames.object();
            data.put("chatRoomId", read.roomId().value());
            data.put("userId", read.reader().value());
            data.put("messageId", read.upTo().value());
            data.put("readAt", read.readAt().toString());
            return frame("read", data);
        }
        if (notification instanceof Notification.SessionExpired expired) {
            Map<String, Object> data = JsonFrames.object();
            data.put("code", ErrorCode.SESSION_EXPIRED.name());
            data.put("message", "the session expired at " + expired.expiredAt() + "; sign in again and reconnect");
            return frame("error", data);
        }
        if (notification instanceof Notification.RefusedTooOften refused) {
            Map<String, Object> data = JsonFrames.object();
            data.put("code", ErrorCode.TOO_MANY_REFUSALS.name());
            data.put("message", "the last " + refused.inARow() + " frames of this connection were all refused; the "
                    + "connection is closed. Fix what the error frames said before reconnecting");
            return frame("error", data);
        }
        return frame("roomCreated", room(((Notification.RoomCreated) notification).room()));
    }

    Map<String, Object> message(Message message, boolean withReaders) {
        Map<String, Object> data = JsonFrames.object();
        data.put("messageId", message.id().value());
        data.put("chatRoomId", message.roomId().value());
        data.put("senderId", message.senderId().value());
        data.put("content", message.content().text());
        data.put("messageType", message.type().wireName());
        data.put("createdAt", message.createdAt().toString());
        data.put("timestamp", message.createdAt().toEpochMilli());
        message.clientMessageId().ifPresent(id -> data.put("clientMessageId", id.value()));
        if (withReaders) {
            data.put("readBy", users(message.readBy()));
        }
        return data;
    }

    Map<String, Object> room(Room room) {
        Map<String, Object> data = JsonFrames.object();
        data.put("chatRoomId", room.id().value());
        data.put("name", room.name().value());
        data.put("type", room.type().wireName());
        data.put("participantIds", users(room.members()));
        data.put("createdAt", room.createdAt().toString());
        return data;
    }

    Map<String, Object> rooms(Page<RoomSummary> page) {
        List<Object> rooms = new ArrayList<>();
        page.items().forEach(summary -> rooms.add(summary(summary)));
        Map<String, Object> data = JsonFrames.object();
        data.put("rooms", rooms);
        data.put("nextCursor", page.nextCursor().orElse(null));
        return data;
    }

    private Map<String, Object> summary(RoomSummary summary) {
        Map<String, Object> room = room(summary.room());
        room.put("lastMessage", summary.lastMessagePreview());
        room.put("lastMessageId", summary.lastMessageId().value());
        room.put("lastMessageAt", summary.lastMessageAt().toString());
        room.put("unreadCount", summary.unreadCount());
        return room;
    }

    /** The bytes a room takes in a {@code rooms} page (its JSON and the comma before the next). */
    int roomSize(RoomSummary summary) {
        return JsonFrames.write(summary(summary)).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /** The bytes a message takes in a {@code messages} page (its JSON and the comma before the next). */
    int messageSize(Message message) {
        return JsonFrames.write(message(message, true)).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /** A page of history; messages of a sender the reader blocked carry {@code "blocked": true}. */
    Map<String, Object> messages(String roomId, MessagesPage page) {
        List<Object> messages = new ArrayList<>();
        page.page().items().forEach(m -> {
            Map<String, Object> message = message(m, true);
            if (page.blocked().contains(m.senderId())) {
                message.put("blocked", true);
            }
            messages.add(message);
        });
        Map<String, Object> data = JsonFrames.object();
        data.put("chatRoomId", roomId);
        data.put("messages", messages);
        data.put("nextCursor", page.page().nextCursor().orElse(null));
        return data;
    }

    String reply(String type, Optional<String> requestId, Map<String, Object> data) {
        Map<String, Object> frame = frame(type, data);
        requestId.ifPresent(id -> frame.put("requestId", id));
        return JsonFrames.write(frame);
    }

    String error(ErrorCode code, String message, Optional<String> requestId) {
        return error(new Refusal(code, message), requestId);
    }

    String error(Refusal refusal, Optional<String> requestId) {
        Map<String, Object> data = JsonFrames.object();
        data.put("code", refusal.code().name());
        data.put("message", refusal.message());
        if (refusal.code() == ErrorCode.RATE_LIMITED) {
            data.put("retryAfterMs", refusal.retryAfter().toMillis());
        }
        return reply("error", requestId, data);
    }

    private static Map<String, Object> frame(String type, Map<String, Object> data) {
        Map<String, Object> frame = JsonFrames.object();
        frame.put("type", type);
        frame.put("data", data);
        return frame;
    }

    private static List<String> users(Collection<UserId> users) {
        return users.stream().map(UserId::value).toList();
    }
}
