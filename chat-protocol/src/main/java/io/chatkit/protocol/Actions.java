package io.chatkit.protocol;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase.BlockCommand;
import io.chatkit.core.port.in.Chat;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.GetMessagesUseCase.MessagesPage;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The protocol's actions: each reads its fields, runs one use case and writes the reply frame. */
final class Actions {
    static final Set<String> NAMES = Set.of("sendMessage", "createRoom", "markRead", "listRooms", "getMessages",
            "leaveRoom", "addMembers", "blockUser", "unblockUser", "listBlocked");

    private final Frames frames;

    Actions(Frames frames) {
        this.frames = frames;
    }

    /**
     * The reply frame of the request's action, or the use case's rejection as it came: a refusal stays a value all
     * the way to {@link ChatProtocol}. (A frame that cannot be read is refused while it is read: {@link Request}.)
     */
    Outcome<String> run(Chat chat, ConnectionId caller, Request request, Trace trace) {
        String action = request.action();
        if (NAMES.contains(action)) {
            trace.action(action);
        }
        return switch (action) {
            case "sendMessage" -> sendMessage(chat, caller, request, trace);
            case "createRoom" -> userOf(chat, caller, trace).then(user -> createRoom(chat, user, caller, request));
            case "markRead" -> userOf(chat, caller, trace).then(user -> markRead(chat, user, request));
            case "listRooms" -> userOf(chat, caller, trace).then(user -> listRooms(chat, user, request));
            case "getMessages" -> userOf(chat, caller, trace).then(user -> getMessages(chat, user, request));
            case "leaveRoom" -> userOf(chat, caller, trace).then(user -> leaveRoom(chat, user, request));
            case "addMembers" -> userOf(chat, caller, trace).then(user -> addMembers(chat, user, request));
            case "blockUser" -> userOf(chat, caller, trace).then(user -> blockUser(chat, user, request));
            case "unblockUser" -> userOf(chat, caller, trace).then(user -> unblockUser(chat, user, request));
            case "listBlocked" -> userOf(chat, caller, trace).then(user -> listBlocked(chat, user, request));
            default -> throw new Refusal.Raised(ErrorCode.UNKNOWN_ACTION,
                    "unknown action '" + shorten(action) + "'; expected one of " + NAMES);
        };
    }

    private Outcome<String> sendMessage(Chat chat, ConnectionId caller, Request request, Trace trace) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        MessageContent content = MessageContent.of(request.text("content"));
        Optional<ClientMessageId> clientMessageId = request.optionalText("clientMessageId").map(ClientMessageId::of);
        trace.charged(); // the use case takes the frame from the sender's allowance
        return chat.identify().whoIs(caller).then(sender -> chat.sendMessage().send(
                new SendMessageCommand(trace.user(sender), caller, room, content, clientMessageId))).then(sent -> {
                    Map<String, Object> data = frames.message(sent.message(), false);
                    data.put("duplicate", sent.duplicate());
                    return reply("sent", request, data);
                });
    }

    private Outcome<String> createRoom(Chat chat, UserId creator, ConnectionId caller, Request request) {
        Set<UserId> others = new HashSet<>();
        for (String id : request.texts("participantIds")) {
            others.add(UserId.of(id));
        }
        RoomName name = RoomName.of(request.optionalText("name").orElse(""));
        return chat.createRoom().createOrReuse(new CreateRoomCommand(creator, others, name, Optional.of(caller)))
                .then(created -> {
                    Map<String, Object> data = frames.room(created.room());
                    data.put("existing", created.existing());
                    return reply("roomCreated", request, data);
                });
    }

    private Outcome<String> leaveRoom(Chat chat, UserId leaver, Request request) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        return chat.membership().leave(new LeaveRoomCommand(leaver, room)).then(left -> {
            Map<String, Object> data = JsonFrames.object();
            data.put("chatRoomId", room.value());
            return reply("roomLeft", request, data);
        });
    }

    private Outcome<String> addMembers(Chat chat, UserId by, Request request) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        Set<UserId> added = new HashSet<>();
        for (String id : request.texts("participantIds")) {
            added.add(UserId.of(id));
        }
        return chat.membership().addMembers(new AddMembersCommand(by, room, added)).then(changed -> {
            Map<String, Object> data = JsonFrames.object();
            data.put("chatRoomId", room.value());
            data.put("participantIds", changed.changed().stream().map(UserId::value).sorted().toList());
            return reply("membersAdded", request, data);
        });
    }

    private Outcome<String> markRead(Chat chat, UserId reader, Request request) {
        MarkReadCommand command = new MarkReadCommand(reader, RoomId.of(request.text("chatRoomId")),
                MessageId.of(request.text("messageId")));
        return chat.markRead().markRead(command).then(receipt -> {
            Map<String, Object> data = JsonFrames.object();
            data.put("chatRoomId", receipt.roomId().value());
            data.put("userId", receipt.reader().value());
            data.put("messageId", receipt.upTo().value());
            data.put("readAt", receipt.readAt().toString());
            data.put("newlyRead", receipt.newlyRead());
            return reply("read", request, data);
        });
    }

    private Outcome<String> listRooms(Chat chat, UserId user, Request request) {
        ListRoomsQuery query = new ListRoomsQuery(user, pageSize(request), request.optionalText("cursor"));
        return chat.listRooms().listRooms(query).then(page ->
                reply("rooms", request, frames.rooms(PageBytes.fitting(page, frames::roomSize))));
    }

    private Outcome<String> getMessages(Chat chat, UserId user, Request request) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        Optional<MessageId> after = request.optionalText("after").map(MessageId::of);
        GetMessagesQuery query = new GetMessagesQuery(user, room, pageSize(request), request.optionalText("before"),
                after);
        return chat.getMessages().getMessages(query).then(read -> reply("messages", request,
                frames.messages(room.value(), new MessagesPage(PageBytes.fitting(read.page(), frames::messageSize),
                        read.blocked()))));
    }

    private Outcome<String> blockUser(Chat chat, UserId user, Request request) {
        UserId other = UserId.of(request.text("userId"));
        return chat.blocking().block(new BlockCommand(user, other))
                .then(blocked -> reply("userBlocked", request, userData(blocked)));
    }

    private Outcome<String> unblockUser(Chat chat, UserId user, Request request) {
        UserId other = UserId.of(request.text("userId"));
        return chat.blocking().unblock(new BlockCommand(user, other))
                .then(unblocked -> reply("userUnblocked", request, userData(unblocked)));
    }

    private Outcome<String> listBlocked(Chat chat, UserId user, Request request) {
        return chat.blocking().listBlocked(user).then(blocked -> {
            Map<String, Object> data = JsonFrames.object();
            data.put("userIds", blocked.stream().map(UserId::value).toList());
            return reply("blocked", request, data);
        });
    }

    private Outcome<String> reply(String type, Request request, Map<String, Object> data) {
        return Outcome.accepted(frames.reply(type, request.requestId(), data));
    }

    private static Map<String, Object> userData(UserId user) {
        Map<String, Object> data = JsonFrames.object();
        data.put("userId", user.value());
        return data;
    }

    /** The caller's user, once the frame is taken from their allowance. */
    private static Outcome<UserId> userOf(Chat chat, ConnectionId caller, Trace trace) {
        trace.charged();
        return chat.identify().userOf(caller).then(user -> Outcome.accepted(trace.user(user)));
    }

    private static PageSize pageSize(Request request) {
        return request.optionalInt("limit").map(PageSize::of).orElseGet(PageSize::defaultSize);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
