package io.chatkit.protocol;

import io.chatkit.core.domain.Notification;
import io.chatkit.protocol.FrameData.ErrorData;
import io.chatkit.protocol.FrameData.MessageData;
import io.chatkit.protocol.FrameData.PresenceData;
import io.chatkit.protocol.FrameData.ReadData;
import io.chatkit.protocol.FrameData.RoomData;
import io.chatkit.protocol.FrameData.TypingData;
import io.chatkit.protocol.FrameData.UnreadData;
import java.time.Instant;
import java.util.Optional;

/** The frames pushed to a connection, one per kind of {@link Notification}; they answer no request. */
final class PushFrames {
    private PushFrames() {
    }

    static String of(Notification notification) {
        if (notification instanceof Notification.MessagePosted posted) {
            return push("message", MessageData.of(posted.message()));
        }
        if (notification instanceof Notification.MessagesRead read) {
            return push("read", new ReadData(read.roomId().value(), read.reader().value(), read.upTo().value(),
                    read.readAt().toString(), Optional.empty()));
        }
        if (notification instanceof Notification.SessionExpired expired) {
            return push("error", new ErrorData(ErrorCode.SESSION_EXPIRED.name(), "the session expired at "
                    + expired.expiredAt() + "; sign in again and reconnect", Optional.empty()));
        }
        if (notification instanceof Notification.RefusedTooOften refused) {
            return push("error", new ErrorData(ErrorCode.TOO_MANY_REFUSALS.name(), "the last " + refused.inARow()
                    + " frames of this connection were all refused; the connection is closed. Fix what the error "
                    + "frames said before reconnecting", Optional.empty()));
        }
        if (notification instanceof Notification.PresenceChanged presence) {
            return push("presence", new PresenceData(presence.user().value(), presence.online(),
                    presence.lastSeenAt().map(Instant::toString)));
        }
        if (notification instanceof Notification.Typing typing) {
            return push("typing", new TypingData(typing.roomId().value(), typing.user().value()));
        }
        if (notification instanceof Notification.MessageChanged changed) {
            FrameData.ChangeFrame frame = ChangeFrames.of(changed.change());
            return push(frame.type(), frame.data());
        }
        if (notification instanceof Notification.MarkedUnread unread) {
            return push("unread", new UnreadData(unread.roomId().value(), unread.unreadCount()));
        }
        return push("roomCreated", RoomData.of(((Notification.RoomCreated) notification).room()));
    }

    private static String push(String type, Record data) {
        return FrameWriter.frame(type, data, Optional.empty());
    }
}
