package io.chatkit.protocol;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.protocol.FrameData.ChangeFrame;
import io.chatkit.protocol.FrameData.MessageDeletedData;
import io.chatkit.protocol.FrameData.MessageEditedData;
import io.chatkit.protocol.FrameData.ReactionData;
import io.chatkit.protocol.FrameData.ReactionsChangedData;
import java.util.Optional;

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
            case REACTIONS -> reactions(change.message(), Optional.of(changeId));
        };
    }

    /** {@code reactionsChanged}: the message's reactions as they are. */
    static ChangeFrame reactions(Message message, Optional<String> changeId) {
        return new ChangeFrame("reactionsChanged", new ReactionsChangedData(message.roomId().value(),
                message.id().value(), ReactionData.of(message.reactions()), changeId));
    }
}
