package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.MessageType;
import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Reactions;
import io.chatkit.core.domain.ReplyTo;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns rooms, messages and memberships into items and back (see docs/dynamodb-design.md). */
final class Items {
    static final String ROOM_ID = "roomId";
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String MEMBERS = "members";
    /** On METADATA: who gets no pushes of whom in the room. */
    static final String MUTED = "muted";
    /** On METADATA: the latest change of members ({@link RoomChange}), written with it. */
    static final String LATEST_CHANGE = "latestChange";
    static final String CREATED_AT = "createdAt";
    static final String MESSAGE_ID = "messageId";
    static final String SENDER_ID = "senderId";
    static final String CONTENT = "content";
    static final String MESSAGE_TYPE = "messageType";
    static final String CLIENT_MESSAGE_ID = "clientMessageId";
    static final String LAST_MESSAGE_ID = "lastMessageId";
    static final String LAST_MESSAGE_AT = "lastMessageAt";
    static final String PREVIEW = "preview";
    /** On a reservation: the fingerprint of the reserved message's content. */
    static final String CONTENT_FINGERPRINT = "contentHash";
    /** On a reply: the message it answers, as it was (id, sender, the first 100 code points). */
    static final String REPLY_TO_ID = "replyToId";
    static final String REPLY_TO_SENDER = "replyToSender";
    static final String REPLY_TO_PREVIEW = "replyToPreview";
    /** On a message: when it was edited, when deleted (its content then removed), the place of its latest change. */
    static final String EDITED_AT = "editedAt";
    static final String DELETED_AT = "deletedAt";
    /** A message's files: a list of maps {@code {id, fileName, contentType, size}}. */
    static final String ATTACHMENTS = "attachments";
    static final String CHANGE_SEQ = "changeSeq";
    /** On a message: one string set per emoji, {@code react#{emoji}}, of who reacted with it (none when nobody). */
    static final String REACTION_PREFIX = "react#";
    /** The members a message mentions (a string set; absent when none). */
    static final String MENTIONS = "mentions";
    /** On a membership: the places of the messages that mention the member (a number set, the latest 100). */
    static final String MENTION_SEQS = "mentionSeqs";
    /** A message's place in its room (1, 2, 3, …), and on LASTMESSAGE the room's newest place. */
    static final String SEQ = "seq";
    /** On a membership: the member's read position; every message at or before it is read. */
    static final String READ_SEQ = "readSeq";
    static final String LAST_READ_AT = "lastReadAt";

    private Items() {
    }

    static Map<String, AttributeValue> room(Room room) {
        return TableClient.item(
                Keys.PK, s(Keys.room(room.id())), Keys.SK, s(Keys.METADATA),
                ROOM_ID, s(room.id().value()),
                NAME, s(room.name().value()),
                TYPE, s(stored(room.type())),
                MEMBERS, users(room.members()),
                CREATED_AT, n(room.createdAt().toEpochMilli()));
    }

    static Room room(Map<String, AttributeValue> item) {
        return new Room(RoomId.of(item.get(ROOM_ID).s()), RoomName.of(item.get(NAME).s()),
                RoomType.valueOf(item.get(TYPE).s().toUpperCase(Locale.ROOT)), users(item.get(MEMBERS)),
                Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_AT).n())), mutes(item.get(MUTED)),
                Optional.ofNullable(item.get(LATEST_CHANGE)).map(change -> change(change.m())));
    }

    /** The change as a map on METADATA: {@code kind}, {@code actor}, {@code users} (a string set), {@code noticeId}. */
    static AttributeValue change(RoomChange change) {
        return AttributeValue.fromM(Map.of("kind", s(change.kind().name()), "actor", s(change.actor().value()),
                "users", users(change.users()), "noticeId", s(change.noticeId().value())));
    }

    private static RoomChange change(Map<String, AttributeValue> map) {
        return new RoomChange(RoomChange.Kind.valueOf(map.get("kind").s()), UserId.of(map.get("actor").s()),
                users(map.get("users")), MessageId.of(map.get("noticeId").s()));
    }

    /** Mutes as a string set of {@code recipient#sender} ({@code #} is in no id). */
    static AttributeValue mutes(Collection<Mute> mutes) {
        return AttributeValue.fromSs(mutes.stream().map(mute -> mute.recipient().value() + "#" + mute.sender().value())
                .toList());
    }

    private static TreeSet<Mute> mutes(AttributeValue set) {
        TreeSet<Mute> mutes = new TreeSet<>();
        if (set != null) {
            set.ss().forEach(pair -> {
                int split = pair.indexOf('#');
                mutes.add(new Mute(UserId.of(pair.substring(0, split)), UserId.of(pair.substring(split + 1))));
            });
        }
        return mutes;
    }

    /** A message at its place in the room; {@code readBy} is not stored but derived from read positions. */
    static Map<String, AttributeValue> message(Message message, long seq) {
        Map<String, AttributeValue> item = TableClient.item(
                Keys.PK, s(Keys.room(message.roomId())), Keys.SK, s(Keys.message(message.id())),
                ROOM_ID, s(message.roomId().value()),
                MESSAGE_ID, s(message.id().value()),
                SENDER_ID, s(message.senderId().value()),
                CONTENT, s(message.content().text()),
                MESSAGE_TYPE, s(stored(message.type())),
                SEQ, n(seq));
        message.clientMessageId().ifPresent(id -> item.put(CLIENT_MESSAGE_ID, s(id.value())));
        message.replyTo().ifPresent(reply -> {
            item.put(REPLY_TO_ID, s(reply.messageId().value()));
            item.put(REPLY_TO_SENDER, s(reply.senderId().value()));
            item.put(REPLY_TO_PREVIEW, s(reply.preview()));
        });
        if (!message.mentions().isEmpty()) {
            item.put(MENTIONS, users(message.mentions()));
        }
        message.reactions().byEmoji().forEach((emoji, reactors) ->
                item.put(REACTION_PREFIX + emoji, users(reactors)));
        if (!message.attachments().isEmpty()) {
            item.put(ATTACHMENTS, AttributeValue.fromL(message.attachments().stream()
                    .map(file -> AttributeValue.fromM(Map.of("id", s(file.id().value()), "fileName", s(file.fileName()),
                            "contentType", s(file.contentType()), "size", n(file.size()))))
                    .toList()));
        }
        return item;
    }

    private static List<Attachment> attachments(Map<String, AttributeValue> item) {
        AttributeValue list = item.get(ATTACHMENTS);
        if (list == null || !list.hasL()) {
            return List.of();
        }
        return list.l().stream().map(AttributeValue::m).map(file -> new Attachment(AttachmentId.of(file.get("id").s()),
                file.get("fileName").s(), file.get("contentType").s(), Long.parseLong(file.get("size").n()))).toList();
    }

    /** The attribute holding who reacted to a message with {@code emoji}: {@code react#{emoji}}, a string set. */
    static String reactionAttribute(Emoji emoji) {
        return REACTION_PREFIX + emoji.value();
    }

    private static Reactions reactions(Map<String, AttributeValue> item) {
        java.util.TreeMap<String, java.util.SortedSet<UserId>> byEmoji = new java.util.TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(REACTION_PREFIX) && value.hasSs()) {
                TreeSet<UserId> reactors = new TreeSet<>();
                value.ss().forEach(id -> reactors.add(UserId.of(id)));
                byEmoji.put(name.substring(REACTION_PREFIX.length()), reactors);
            }
        });
        return new Reactions(byEmoji);
    }

    static Message message(Map<String, AttributeValue> item, Collection<UserId> readers) {
        Optional<ReplyTo> replyTo = Optional.ofNullable(item.get(REPLY_TO_ID)).map(id -> new ReplyTo(
                MessageId.of(id.s()), UserId.of(item.get(REPLY_TO_SENDER).s()), item.get(REPLY_TO_PREVIEW).s()));
        TreeSet<UserId> mentions = new TreeSet<>();
        Optional.ofNullable(item.get(MENTIONS)).ifPresent(set -> set.ss().forEach(id -> mentions.add(UserId.of(id))));
        Optional<Instant> deletedAt = instant(item, DELETED_AT);
        return new Message(RoomId.of(item.get(ROOM_ID).s()), MessageId.of(item.get(MESSAGE_ID).s()),
                UserId.of(item.get(SENDER_ID).s()),
                deletedAt.isPresent() ? Message.ERASED : MessageContent.stored(item.get(CONTENT).s()),
                MessageType.valueOf(item.get(MESSAGE_TYPE).s().toUpperCase(Locale.ROOT)), new TreeSet<>(readers),
                Optional.ofNullable(item.get(CLIENT_MESSAGE_ID)).map(v -> ClientMessageId.of(v.s())), replyTo,
                mentions, instant(item, EDITED_AT), deletedAt, reactions(item), attachments(item));
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String attribute) {
        return Optional.ofNullable(item.get(attribute)).map(value -> Instant.ofEpochMilli(Long.parseLong(value.n())));
    }

    /** The places of the messages that mention a member, from their membership's {@code mentionSeqs} number set. */
    static TreeSet<Long> mentions(Map<String, AttributeValue> item) {
        TreeSet<Long> places = new TreeSet<>();
        AttributeValue mentions = item.get(MENTION_SEQS);
        if (mentions != null && mentions.hasNs()) {
            mentions.ns().forEach(place -> places.add(Long.parseLong(place)));
        }
        return places;
    }

    static long seq(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    /**
     * A member's membership: their read position in the room; every message at or before it is read. No room facts
     * and nothing about the room's newest message: those are stored once per room (METADATA, LASTMESSAGE), so that a
     * send writes nothing per member.
     */
    static Map<String, AttributeValue> membership(RoomId room, UserId member, long readSeq) {
        return TableClient.item(
                Keys.PK, s(Keys.user(member)), Keys.SK, s(Keys.room(room)),
                READ_SEQ, n(readSeq));
    }

    /** The room's newest message and its place: every send moves it forward and takes the next place. */
    static Map<String, AttributeValue> lastMessage(Message message, long seq) {
        return TableClient.item(
                Keys.PK, s(Keys.room(message.roomId())), Keys.SK, s(Keys.LASTMESSAGE),
                LAST_MESSAGE_ID, s(message.id().value()),
                LAST_MESSAGE_AT, n(message.createdAt().toEpochMilli()),
                SENDER_ID, s(message.senderId().value()),
                PREVIEW, s(message.preview()),
                SEQ, n(seq));
    }

    static AttributeValue users(Collection<UserId> users) {
        return AttributeValue.fromSs(users.stream().map(UserId::value).toList());
    }

    /** A string set's users; none when the attribute is missing (DynamoDB drops a set whose last element goes). */
    static TreeSet<UserId> users(AttributeValue set) {
        if (set == null) {
            return new TreeSet<>();
        }
        return set.ss().stream().map(UserId::of).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A type as the table stores it: {@code direct}, {@code group}; {@code user}, {@code system}. */
    private static String stored(Enum<?> type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
