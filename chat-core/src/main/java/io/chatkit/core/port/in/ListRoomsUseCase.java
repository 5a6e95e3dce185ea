package io.chatkit.core.port.in;

import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's rooms, the most recent last message first, with preview and unread count, and the presence of the rooms'
 * other members; at most {@code pageSize} per page (a caller bound by bytes cuts it shorter with
 * {@link Page#firstOnly}).
 */
public interface ListRoomsUseCase {

    Outcome<RoomsPage> listRooms(ListRoomsQuery query);

    /**
     * A page of rooms, and the presence of their other members ({@code online} now, else when last seen, if known):
     * read once for the page, in one batched read.
     */
    record RoomsPage(Page<RoomSummary> page, Map<UserId, Presence> presence) {
        public RoomsPage {
            Objects.requireNonNull(page, "page");
            presence = Map.copyOf(presence);
        }
    }

    record ListRoomsQuery(UserId user, PageSize pageSize, Optional<String> cursor) {
        public ListRoomsQuery {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(pageSize, "pageSize");
            Objects.requireNonNull(cursor, "cursor");
        }
    }
}
