package io.chatkit.core.port.in;

import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A room's history, for members only. Without {@code after}: newest first, with a cursor to older
 * pages. With {@code after}: what came after that message, oldest first (a reconnecting client's
 * catch-up; continue with {@code after} = the last id received until a page comes back empty). A page holds at
 * most {@code pageSize} messages (a caller bound by bytes cuts it shorter with {@link Page#firstOnly}).
 */
public interface GetMessagesUseCase {

    Outcome<MessagesPage> getMessages(GetMessagesQuery query);

    /**
     * A page of history, and the senders among the room's members whose messages the reader blocked (their
     * messages are in the page as everyone's; a client shows them marked).
     */
    record MessagesPage(Page<Message> page, Set<UserId> blocked) {
        public MessagesPage {
            Objects.requireNonNull(page, "page");
            blocked = Set.copyOf(blocked);
        }
    }

    record GetMessagesQuery(UserId user, RoomId roomId, PageSize pageSize, Optional<String> before,
                            Optional<MessageId> after) {
        public GetMessagesQuery {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(pageSize, "pageSize");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            if (before.isPresent() && after.isPresent()) {
                throw new InvalidInputException("before", "cannot be combined with after");
            }
        }
    }
}
