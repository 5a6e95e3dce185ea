package io.chatkit.core.service;

import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.port.in.ListRoomsUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.PageCursors.InvalidCursorException;
import java.util.Optional;

public final class ListRoomsService implements ListRoomsUseCase {
    private final RoomListing listing;

    ListRoomsService(MessageStore messages) {
        this.listing = new RoomListing(messages);
    }

    @Override
    public Outcome<Page<RoomSummary>> listRooms(ListRoomsQuery query) {
        Optional<RoomPosition> after;
        try {
            after = PageCursors.roomsOf(query.user(), query.cursor());
        } catch (InvalidCursorException e) {
            return Outcome.rejected(Code.INVALID_CURSOR, e.getMessage());
        }
        int size = query.pageSize().value();
        RoomListing.RoomList rooms = listing.roomsOf(query.user(), after, size);
        return Outcome.accepted(PageCursors.page(rooms.rooms(), rooms.more(),
                last -> PageCursors.forRooms(query.user(), last.position())));
    }
}
