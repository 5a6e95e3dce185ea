package io.chatkit.core.service;

import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ListRoomsUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.PageCursors.InvalidCursorException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class ListRoomsService implements ListRoomsUseCase {
    private final RoomListing listing;
    private final ConnectionStore connections;
    private final Clock clock;

    ListRoomsService(MessageStore messages, ConnectionStore connections, Clock clock) {
        this.listing = new RoomListing(messages);
        this.connections = connections;
        this.clock = clock;
    }

    /** The page, and the presence of the other members of its rooms: one batched read (per 100 members) more. */
    @Override
    public Outcome<RoomsPage> listRooms(ListRoomsQuery query) {
        Optional<RoomPosition> after;
        try {
            after = PageCursors.roomsOf(query.user(), query.cursor());
        } catch (InvalidCursorException e) {
            return Outcome.rejected(Code.INVALID_CURSOR, e.getMessage());
        }
        int size = query.pageSize().value();
        RoomListing.RoomList rooms = listing.roomsOf(query.user(), after, size);
        Page<RoomSummary> page = PageCursors.page(rooms.rooms(), rooms.more(),
                last -> PageCursors.forRooms(query.user(), last.position()));
        Set<UserId> others = new HashSet<>();
        page.items().forEach(summary -> others.addAll(summary.room().members()));
        others.remove(query.user());
        Map<UserId, Presence> presence = others.isEmpty() ? Map.of()
                : connections.presenceOf(others, clock.instant());
        return Outcome.accepted(new RoomsPage(page, presence));
    }
}
