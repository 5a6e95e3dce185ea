package io.chatkit.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Page;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * The server's frames: {@code {"type": …, "data": {…}}}, plus {@code requestId} on replies. Field
 * names follow the seed series' client ({@code chatRoomId}, {@code participantIds}, …).
 */
final class Frames {
    private final ObjectMapper json;

    Frames(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    byte[] encode(Notification notification) {
        return write(notification(notification)).getBytes(StandardCharsets.UTF_8);
    }

    ObjectNode notification(Notification notification) {
        if (notification instanceof Notification.MessagePosted posted) {
            return frame("message", message(posted.message(), false));
        }
        if (notification instanceof Notification.MessagesRead read) {
            ObjectNode data = json.createObjectNode()
                    .put("chatRoomId", read.roomId().value())
                    .put("userId", read.reader().value())
                    .put("messageId", read.upTo().value())
                    .put("readAt", read.readAt().toString());
            return frame("read", data);
        }
        Room room = ((Notification.RoomCreated) notification).room();
        return frame("roomCreated", room(room));
    }

    ObjectNode message(Message message, boolean withReaders) {
        ObjectNode data = json.createObjectNode()
                .put("messageId", message.id().value())
                .put("chatRoomId", message.roomId().value())
                .put("senderId", message.senderId().value())
                .put("content", message.content().text())
                .put("messageType", message.type().wireName())
                .put("createdAt", message.createdAt().toString())
                .put("timestamp", message.createdAt().toEpochMilli());
        message.clientMessageId().ifPresent(id -> data.put("clientMessageId", id.value()));
        if (withReaders) {
            data.set("readBy", users(message.readBy()));
        }
        return data;
    }

    ObjectNode room(Room room) {
        return json.createObjectNode()
                .put("chatRoomId", room.id().value())
                .put("name", room.name().value())
                .put("type", room.type().wireName())
                .<ObjectNode>set("participantIds", users(room.members()))
                .put("createdAt", room.createdAt().toString());
    }

    ObjectNode rooms(Page<RoomSummary> page) {
        ArrayNode rooms = json.createArrayNode();
        for (RoomSummary summary : page.items()) {
            rooms.add(room(summary.room())
                    .put("lastMessage", summary.lastMessagePreview())
                    .put("lastMessageId", summary.lastMessageId().value())
                    .put("lastMessageAt", summary.lastMessageAt().toString())
                    .put("unreadCount", summary.unreadCount()));
        }
        ObjectNode data = json.createObjectNode().set("rooms", rooms);
        return withCursor(data, page.nextCursor());
    }

    ObjectNode messages(String roomId, Page<Message> page) {
        ArrayNode messages = json.createArrayNode();
        page.items().forEach(m -> messages.add(message(m, true)));
        ObjectNode data = json.createObjectNode().put("chatRoomId", roomId);
        data.set("messages", messages);
        return withCursor(data, page.nextCursor());
    }

    String reply(String type, Optional<String> requestId, ObjectNode data) {
        ObjectNode frame = frame(type, data);
        requestId.ifPresent(id -> frame.put("requestId", id));
        return write(frame);
    }

    String error(ErrorCode code, String message, Optional<String> requestId) {
        return reply("error", requestId, json.createObjectNode().put("code", code.name()).put("message", message));
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    private ObjectNode withCursor(ObjectNode data, Optional<String> cursor) {
        if (cursor.isPresent()) {
            data.put("nextCursor", cursor.get());
        } else {
            data.putNull("nextCursor");
        }
        return data;
    }

    private ObjectNode frame(String type, ObjectNode data) {
        ObjectNode frame = json.createObjectNode().put("type", type);
        frame.set("data", data);
        return frame;
    }

    private ArrayNode users(Collection<UserId> users) {
        ArrayNode array = json.createArrayNode();
        users.forEach(user -> array.add(user.value()));
        return array;
    }

    private String write(ObjectNode frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
    }
}
