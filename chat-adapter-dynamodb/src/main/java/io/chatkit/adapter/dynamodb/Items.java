package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.MessageType;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns rooms, messages and participations into items and back. */
final class Items {
    static final String ROOM_ID = "roomId";
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String MEMBERS = "members";
    static final String CREATED_AT = "createdAt";
    static final String MESSAGE_ID = "messageId";
    static final String SENDER_ID = "senderId";
    static final String CONTENT = "content";
    static final String MESSAGE_TYPE = "messageType";
    static final String READ_BY = "readBy";
    static final String CLIENT_MESSAGE_ID = "clientMessageId";
    static final String LAST_MESSAGE_ID = "lastMessageId";
    static final String LAST_MESSAGE_AT = "lastMessageAt";
    static final String PREVIEW = "preview";
    static final String UNREAD_COUNT = "unreadCount";

    private Items() {
    }

    static Map<String, AttributeValue> room(Room room) {
        return Table.item(
                Keys.PK, s(Keys.room(room.id())), Keys.SK, s(Keys.METADATA),
                ROOM_ID, s(room.id().value()),
                NAME, s(room.name().value()),
                TYPE, s(room.type().wireName()),
                MEMBERS, users(room.members()),
                CREATED_AT, n(room.createdAt().toEpochMilli()));
    }

    static Room room(Map<String, AttributeValue> item) {
        return new Room(RoomId.of(item.get(ROOM_ID).s()), RoomName.of(item.get(NAME).s()),
                RoomType.fromWireName(item.get(TYPE).s()), users(item.get(MEMBERS)),
                Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_AT).n())));
    }

    static Map<String, AttributeValue> message(Message message) {
        Map<String, AttributeValue> item = Table.item(
                Keys.PK, s(Keys.room(message.roomId())), Keys.SK, s(Keys.message(message.id())),
                ROOM_ID, s(message.roomId().value()),
                MESSAGE_ID, s(message.id().value()),
                SENDER_ID, s(message.senderId().value()),
                CONTENT, s(message.content().text()),
                MESSAGE_TYPE, s(message.type().wireName()),
                READ_BY, users(message.readBy()),
                CREATED_AT, n(message.createdAt().toEpochMilli()));
        message.clientMessageId().ifPresent(id -> item.put(CLIENT_MESSAGE_ID, s(id.value())));
        return item;
    }

    static Message message(Map<String, AttributeValue> item) {
        return new Message(RoomId.of(item.get(ROOM_ID).s()), MessageId.of(item.get(MESSAGE_ID).s()),
                UserId.of(item.get(SENDER_ID).s()), MessageContent.of(item.get(CONTENT).s()),
                MessageType.fromWireName(item.get(MESSAGE_TYPE).s()), users(item.get(READ_BY)),
                Optional.ofNullable(item.get(CLIENT_MESSAGE_ID)).map(v -> ClientMessageId.of(v.s())));
    }

    /** A member's participation: the room's facts copied in, so listing rooms needs no per-room reads. */
    static Map<String, AttributeValue> participation(Room room, UserId member, Message last) {
        return Table.item(
                Keys.PK, s(Keys.user(member)), Keys.SK, s(Keys.room(room.id())),
                Keys.GSI1PK, s(Keys.userRooms(member)), Keys.GSI1SK, s(last.id().value()),
                ROOM_ID, s(room.id().value()),
                NAME, s(room.name().value()),
                TYPE, s(room.type().wireName()),
                MEMBERS, users(room.members()),
                CREATED_AT, n(room.createdAt().toEpochMilli()),
                LAST_MESSAGE_AT, n(last.createdAt().toEpochMilli()),
                PREVIEW, s(last.content().preview()),
                UNREAD_COUNT, n(last.isReadBy(member) ? 0 : 1));
    }

    static RoomSummary summary(Map<String, AttributeValue> item) {
        Room room = new Room(RoomId.of(item.get(ROOM_ID).s()), RoomName.of(item.get(NAME).s()),
                RoomType.fromWireName(item.get(TYPE).s()), users(item.get(MEMBERS)),
                Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_AT).n())));
        return new RoomSummary(room, MessageId.of(item.get(Keys.GSI1SK).s()), item.get(PREVIEW).s(),
                Math.max(0, Integer.parseInt(item.get(UNREAD_COUNT).n())));
    }

    static Map<String, AttributeValue> lastMessage(Message message) {
        return Table.item(
                Keys.PK, s(Keys.room(message.roomId())), Keys.SK, s(Keys.LASTMESSAGE),
                LAST_MESSAGE_ID, s(message.id().value()),
                LAST_MESSAGE_AT, n(message.createdAt().toEpochMilli()),
                SENDER_ID, s(message.senderId().value()),
                PREVIEW, s(message.content().preview()));
    }

    static AttributeValue users(Collection<UserId> users) {
        return AttributeValue.fromSs(users.stream().map(UserId::value).toList());
    }

    static TreeSet<UserId> users(AttributeValue set) {
        return set.ss().stream().map(UserId::of).collect(Collectors.toCollection(TreeSet::new));
    }
}
