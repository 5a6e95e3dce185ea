package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.ReplyTo;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.GetMessagesUseCase.MessagesPage;
import io.chatkit.core.port.in.GetMessagesUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.PageCursors.InvalidCursorException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

public final class GetMessagesService implements GetMessagesUseCase {
    private final MessageStore messages;
    private final RoomHistory history;
    private final AttachmentFiles files;

    GetMessagesService(MessageStore messages, Executor executor, AttachmentFiles files) {
        this.messages = messages;
        this.history = new RoomHistory(messages, executor);
        this.files = files;
    }

    @Override
    public Outcome<MessagesPage> getMessages(GetMessagesQuery query) {
        Optional<MessageId> before;
        try {
            before = PageCursors.messagesOf(query.roomId(), query.before());
        } catch (InvalidCursorException e) {
            return Outcome.rejected(Code.INVALID_CURSOR, e.getMessage());
        }
        return RoomGuard.memberOf(messages.rooms().find(query.roomId()), query.roomId(), query.user())
                .then(room -> Outcome.accepted(new MessagesPage(withDeletedAnswers(query.roomId(),
                        page(query, before, room)).map(files::withDownloads), blockedBy(room, query.user()))));
    }

    /**
     * The page's replies, each saying whether the message it answers is deleted now: one batched read more, only
     * for a page that holds replies to messages not known deleted.
     */
    private Page<Message> withDeletedAnswers(RoomId room, Page<Message> page) {
        List<MessageId> answered = page.items().stream().flatMap(message -> message.replyTo().stream())
                .filter(reply -> !reply.deleted()).map(ReplyTo::messageId).distinct().toList();
        if (answered.isEmpty()) {
            return page;
        }
        Set<MessageId> deleted = messages.log().deletedAmong(room, answered);
        if (deleted.isEmpty()) {
            return page;
        }
        return page.map(message -> message.replyTo().filter(reply -> deleted.contains(reply.messageId()))
                .map(reply -> message.replying(Optional.of(reply.asDeleted()), message.mentions())).orElse(message));
    }

    /** The members whose messages the reader blocked, as the room keeps them: no read more. */
    private static Set<UserId> blockedBy(Room room, UserId reader) {
        Set<UserId> blocked = new HashSet<>();
        room.mutes().stream().filter(mute -> mute.recipient().equals(reader)).forEach(mute -> blocked.add(mute.sender()));
        return blocked;
    }

    private Page<Message> page(GetMessagesQuery query, Optional<MessageId> before, Room room) {
        int size = query.pageSize().value();
        if (query.after().isPresent()) {
            // Catch-up: oldest first; the client continues with after = the last id it got.
            List<Message> newer = history.messagesAfter(room, query.after().get(), size);
            return new Page<>(newer, Optional.empty());
        }
        return PageCursors.page(history.messagesBefore(room, before, size + 1), size,
                last -> PageCursors.forMessages(query.roomId(), last.id()));
    }
}
