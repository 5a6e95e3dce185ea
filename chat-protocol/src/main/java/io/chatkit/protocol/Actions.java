package io.chatkit.protocol;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase.BlockCommand;
import io.chatkit.core.port.in.Chat;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreatedRoom;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.GetMessagesUseCase.MessagesPage;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.MarkReadUseCase.ReadReceipt;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand;
import io.chatkit.core.port.in.MembershipUseCase.MembershipChanged;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import java.util.HashSet;
import java.util.List;
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

    static <T> T acceptedOrRefused(Outcome<T> outcome) {
        return outcome.fold(value -> value, rejection -> {
            throw new Refusal.Raised(Refusal.of(rejection));
        });
    }

    String run(Chat chat, ConnectionId caller, Request request, Trace trace) {
        String action = request.action();
        if (NAMES.contains(action)) {
            trace.action(action);
        }
        return switch (action) {
            case "sendMessage" -> sendMessage(chat, caller, request, trace);
            case "createRoom" -> createRoom(chat, trace.user(userOf(chat, caller, trace)), caller, request);
            case "markRead" -> markRead(chat, trace.user(userOf(chat, caller, trace)), request);
            case "listRooms" -> listRooms(chat, trace.user(userOf(chat, caller, trace)), request);
            case "getMessages" -> getMessages(chat, trace.user(userOf(chat, caller, trace)), request);
            case "leaveRoom" -> leaveRoom(chat, trace.user(userOf(chat, caller, trace)), request);
            case "addMembers" -> addMembers(chat, trace.user(userOf(chat, caller, trace)), request);
            case "blockUser" -> blockUser(chat, trace.user(userOf(chat, caller, trace)), request);
            case "unblockUser" -> unblockUser(chat, trace.user(userOf(chat, caller, trace)), request);
            case "listBlocked" -> listBlocked(chat, trace.user(userOf(chat, caller, trace)), request);
            default -> throw new Refusal.Raised(ErrorCode.UNKNOWN_ACTION,
                    "unknown action '" + shorten(action) + "'; expected one of " + NAMES);
        };
    }

    private String sendMessage(Chat chat, ConnectionId caller, Request request, Trace trace) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        MessageContent content = MessageContent.of(request.text("content"));
        Optional<ClientMessageId> clientMessageId = request.optionalText("clientMessageId").map(ClientMessageId::of);
        trace.charged(); // the use case takes the frame from the sender's allowance
        UserId sender = trace.user(acceptedOrRefused(chat.identify().whoIs(caller)));
        SentMessage sent = acceptedOrRefused(chat.sendMessage().send(
                new SendMessageCommand(sender, caller, room, content, clientMessageId)));
        trace.pushed(sent.deliveries());
        Map<String, Object> data = frames.message(sent.message(), false);
        data.put("duplicate", sent.duplicate());
        return frames.reply("sent", request.requestId(), data);
    }

    private String createRoom(Chat chat, UserId creator, ConnectionId caller, Request request) {
        Set<UserId> others = new HashSet<>();
        for (String id : request.texts("participantIds")) {
            others.add(UserId.of(id));
        }
        RoomName name = RoomName.of(request.optionalText("name").orElse(""));
        CreatedRoom created = acceptedOrRefused(chat.createRoom().createOrReuse(
                new CreateRoomCommand(creator, others, name, Optional.of(caller))));
        Map<String, Object> data = frames.room(created.room());
        data.put("existing", created.existing());
        return frames.reply("roomCreated", request.requestId(), data);
    }

    private String leaveRoom(Chat chat, UserId leaver, Request request) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        acceptedOrRefused(chat.membership().leave(new LeaveRoomCommand(leaver, room)));
        Map<String, Object> data = JsonFrames.object();
        data.put("chatRoomId", room.value());
        return frames.reply("roomLeft", request.requestId(), data);
    }

    private String addMembers(Chat chat, UserId by, Request request) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        Set<UserId> added = new HashSet<>();
        for (String id : request.texts("participantIds")) {
            added.add(UserId.of(id));
        }
        MembershipChanged changed = acceptedOrRefused(chat.membership().addMembers(
                new AddMembersCommand(by, room, added)));
        Map<String, Object> data = JsonFrames.object();
        data.put("chatRoomId", room.value());
        data.put("participantIds", changed.changed().stream().map(UserId::value).sorted().toList());
        return frames.reply("membersAdded", request.requestId(), data);
    }

    private String markRead(Chat chat, UserId reader, Request request) {
        MarkReadCommand command = new MarkReadCommand(reader, RoomId.of(request.text("chatRoomId")),
                MessageId.of(request.text("messageId")));
        ReadReceipt receipt = acceptedOrRefused(chat.markRead().markRead(command));
        Map<String, Object> data = JsonFrames.object();
        data.put("chatRoomId", receipt.roomId().value());
        data.put("userId", receipt.reader().value());
        data.put("messageId", receipt.upTo().value());
        data.put("readAt", receipt.readAt().toString());
        data.put("newlyRead", receipt.newlyRead());
        return frames.reply("read", request.requestId(), data);
    }

    private String listRooms(Chat chat, UserId user, Request request) {
        ListRoomsQuery query = new ListRoomsQuery(user, pageSize(request), request.optionalText("cursor"));
        Page<RoomSummary> page = PageBytes.fitting(acceptedOrRefused(chat.listRooms().listRooms(query)),
                frames::roomSize);
        return frames.reply("rooms", request.requestId(), frames.rooms(page));
    }

    private String getMessages(Chat chat, UserId user, Request request) {
        RoomId room = RoomId.of(request.text("chatRoomId"));
        Optional<MessageId> after = request.optionalText("after").map(MessageId::of);
        GetMessagesQuery query = new GetMessagesQuery(user, room, pageSize(request), request.optionalText("before"),
                after);
        MessagesPage read = acceptedOrRefused(chat.getMessages().getMessages(query));
        MessagesPage page = new MessagesPage(PageBytes.fitting(read.page(), frames::messageSize), read.blocked());
        return frames.reply("messages", request.requestId(), frames.messages(room.value(), page));
    }

    private String blockUser(Chat chat, UserId user, Request request) {
        UserId other = UserId.of(request.text("userId"));
        acceptedOrRefused(chat.blocking().block(new BlockCommand(user, other)));
        return frames.reply("userBlocked", request.requestId(), userData(other));
    }

    private String unblockUser(Chat chat, UserId user, Request request) {
        UserId other = UserId.of(request.text("userId"));
        acceptedOrRefused(chat.blocking().unblock(new BlockCommand(user, other)));
        return frames.reply("userUnblocked", request.requestId(), userData(other));
    }

    private String listBlocked(Chat chat, UserId user, Request request) {
        List<UserId> blocked = acceptedOrRefused(chat.blocking().listBlocked(user));
        Map<String, Object> data = JsonFrames.object();
        data.put("userIds", blocked.stream().map(UserId::value).toList());
        return frames.reply("blocked", request.requestId(), data);
    }

    private static Map<String, Object> userData(UserId user) {
        Map<String, Object> data = JsonFrames.object();
        data.put("userId", user.value());
        return data;
    }

    /** The caller's user, once the frame is taken from their allowance. */
    private static UserId userOf(Chat chat, ConnectionId caller, Trace trace) {
        trace.charged();
        return acceptedOrRefused(chat.identify().userOf(caller));
    }

    private static PageSize pageSize(Request request) {
        return request.optionalInt("limit").map(PageSize::of).orElseGet(PageSize::defaultSize);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
