package io.chatkit.protocol;

import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.RoomsPage;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.protocol.FrameData.RoomSummaryData;
import io.chatkit.protocol.FrameData.RoomsData;

/**
 * {@code listRooms} {limit?, cursor?} → {@code rooms}: the caller's rooms, most recent first, cut to fit a frame, with
 * each room's other members {@code online} and, for a direct room, when the peer was last seen.
 */
final class ListRoomsAction implements Action {
    @Override
    public String name() {
        return "listRooms";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(user -> call.chat().listRooms()
                .listRooms(new ListRoomsQuery(user, call.pageSize(), call.request().optionalText("cursor")))
                .then(read -> Outcome.accepted(new ReplyData("rooms", fitting(read, user)))));
    }

    private static RoomsData fitting(RoomsPage read, UserId reader) {
        Page<RoomSummary> page = PageBytes.fitting(read.page(),
                summary -> FrameWriter.itemBytes(RoomSummaryData.of(summary, reader, read.presence())));
        return new RoomsData(page.items().stream()
                .map(summary -> RoomSummaryData.of(summary, reader, read.presence())).toList(),
                page.nextCursor().orElse(null));
    }
}
