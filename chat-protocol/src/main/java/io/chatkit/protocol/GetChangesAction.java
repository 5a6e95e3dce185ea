package io.chatkit.protocol;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.ChangeMessageUseCase.ChangesQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.ChangesData;

/**
 * {@code getChanges} {chatRoomId, since?, limit?} → {@code changes} {chatRoomId, changes: [the change frames, each
 * with changeId], nextCursor}; without {@code since}, none and the cursor to start from; {@code CHANGES_EXPIRED} for
 * a cursor older than the changes kept.
 */
final class GetChangesAction implements Action {
    @Override
    public String name() {
        return "getChanges";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(reader -> {
            RoomId room = RoomId.of(call.request().text("chatRoomId"));
            return call.chat().changeMessage().changes(new ChangesQuery(reader, room,
                            call.request().optionalText("since"), call.pageSize()))
                    .then(page -> Outcome.accepted(new ReplyData("changes", new ChangesData(room.value(),
                            page.changes().stream().map(ChangeFrames::of).toList(), page.nextCursor()))));
        });
    }
}
