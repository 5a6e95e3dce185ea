package io.chatkit.protocol;

import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.protocol.FrameData.RoomSummaryData;
import io.chatkit.protocol.FrameData.RoomsData;

/** {@code listRooms} {limit?, cursor?} → {@code rooms}: the caller's rooms, most recent first, cut to fit a frame. */
final class ListRoomsAction implements Action {
    @Override
    public String name() {
        return "listRooms";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(user -> call.chat().listRooms().listRooms(new ListRoomsQuery(user, call.pageSize(),
                        call.request().optionalText("cursor"))))
                .then(page -> {
                    Page<RoomSummary> fitting = PageBytes.fitting(page,
                            summary -> FrameWriter.itemBytes(RoomSummaryData.of(summary)));
                    return Outcome.accepted(new ReplyData("rooms", new RoomsData(
                            fitting.items().stream().map(RoomSummaryData::of).toList(),
                            fitting.nextCursor().orElse(null))));
                });
    }
}
