package io.chatkit.core.port.in;

import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's rooms, the most recent last message first, with preview and unread count; at most {@code pageSize} per
 * page, fewer where {@code budget} says the next would not fit.
 */
public interface ListRoomsUseCase {

    Outcome<Page<RoomSummary>> listRooms(ListRoomsQuery query);

    record ListRoomsQuery(UserId user, PageSize pageSize, Optional<String> cursor, PageBudget<RoomSummary> budget) {
        public ListRoomsQuery(UserId user, PageSize pageSize, Optional<String> cursor) {
            this(user, pageSize, cursor, PageBudget.unlimited());
        }

        public ListRoomsQuery {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(pageSize, "pageSize");
            Objects.requireNonNull(cursor, "cursor");
        }
    }
}
