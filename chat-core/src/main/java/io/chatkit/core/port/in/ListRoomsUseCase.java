package io.chatkit.core.port.in;

import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's rooms, the most recent last message first, with preview and unread count; at most {@code pageSize} per
 * page (a caller bound by bytes cuts it shorter with {@link Page#firstOnly}).
 */
public interface ListRoomsUseCase {

    Outcome<Page<RoomSummary>> listRooms(ListRoomsQuery query);

    record ListRoomsQuery(UserId user, PageSize pageSize, Optional<String> cursor) {
        public ListRoomsQuery {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(pageSize, "pageSize");
            Objects.requireNonNull(cursor, "cursor");
        }
    }
}
