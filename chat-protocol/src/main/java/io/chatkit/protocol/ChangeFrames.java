package io.chatkit.protocol;

import io.chatkit.core.domain.MessageChange;
import io.chatkit.protocol.FrameData.ChangeFrame;
import io.chatkit.protocol.FrameData.MessageDeletedData;
import io.chatkit.protocol.FrameData.MessageEditedData;

/** A change to a message as its frame: answered, pushed, and listed by {@code getChanges} alike. */
final class ChangeFrames {
    private ChangeFrames() {
    }

    static ChangeFrame of(MessageChange change) {
        String changeId = change.changeId();
        return switch (change.kind()) {
            case EDITED -> new ChangeFrame("messageEdited", new MessageEditedData(change.roomId().value(),
                    change.message().id().value(), change.message().content().text(),
                    change.message().editedAt().orElse(change.at()).toString(), changeId));
            case DELETED -> new ChangeFrame("messageDeleted", new MessageDeletedData(change.roomId().value(),
                    change.message().id().value(), change.message().deletedAt().orElse(change.at()).toString(),
                    changeId));
        };
    }
}
