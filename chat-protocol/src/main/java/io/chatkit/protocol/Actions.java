package io.chatkit.protocol;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.in.Chat;
import io.chatkit.core.port.in.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The protocol's actions, one class each: a frame's {@code action} picks one, which runs one use case. */
final class Actions {
    /** Every action of the wire. Adding one: its class, and a line here. */
    static final List<Action> ALL = List.of(
            new SendMessageAction(),
            new CreateRoomAction(),
            new MarkReadAction(),
            new ListRoomsAction(),
            new GetMessagesAction(),
            new LeaveRoomAction(),
            new AddMembersAction(),
            new BlockUserAction(),
            new UnblockUserAction(),
            new ListBlockedAction(),
            new TypingAction(),
            new MarkUnreadAction(),
            new EditMessageAction(),
            new DeleteMessageAction(),
            new GetChangesAction(),
            new ReactAction(),
            new RequestUploadAction(),
            new GetAttachmentUrlAction());

    private static final Map<String, Action> BY_NAME = byName();
    static final Set<String> NAMES = BY_NAME.keySet();

    private Actions() {
    }

    /**
     * The reply frame of the request's action, or the use case's rejection as it came: a refusal stays a value all
     * the way to {@link ChatProtocol}. (A frame that cannot be read is refused while it is read: {@link Request}.)
     */
    static Outcome<String> run(Chat chat, ConnectionId caller, Request request, ReplyFacts trace) {
        String name = request.action();
        Action action = BY_NAME.get(name);
        if (action == null) {
            throw new Refusal.Raised(ErrorCode.UNKNOWN_ACTION,
                    "unknown action '" + shorten(name) + "'; expected one of " + NAMES);
        }
        trace.action(name);
        return action.run(new Call(chat, caller, request, trace)).then(reply -> Outcome.accepted(
                reply == Action.ReplyData.NONE ? "" : FrameWriter.frame(reply.type(), reply.data(),
                        request.requestId())));
    }

    private static Map<String, Action> byName() {
        Map<String, Action> byName = new LinkedHashMap<>();
        for (Action action : ALL) {
            if (byName.put(action.name(), action) != null) {
                throw new IllegalStateException("two actions named " + action.name());
            }
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
