package io.chatkit.core.port.in;

import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Posts a message to a room and pushes it to every connection of every member but the one the message came over
 * (it has the message as its reply). The sender is the user of that connection, as the runtime knows it (an
 * authorizer's context, a handshake, {@link IdentifyConnectionUseCase#whoIs}), never a field of the request.
 */
public interface SendMessageUseCase {

    Outcome<SentMessage> send(SendMessageCommand command);

    /**
     * {@code sender} sends over {@code connection}: the frame is taken from the sender's allowance on condition that
     * the connection is theirs and live. {@code replyTo}: a message of the same room this one answers (its snapshot
     * is kept with it); {@code mentions}: members of the room the sender names (anyone else is {@code INVALID_INPUT});
     * {@code attachments}: files the sender uploaded to this room ({@link AttachmentUseCase#requestUpload}), in
     * order — with one, the text may be empty ({@link MessageContent#EMPTY}).
     */
    record SendMessageCommand(UserId sender, ConnectionId connection, RoomId roomId, MessageContent content,
                              Optional<ClientMessageId> clientMessageId, Optional<MessageId> replyTo,
                              Set<UserId> mentions, List<AttachmentId> attachments) {
        public SendMessageCommand {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            Objects.requireNonNull(replyTo, "replyTo");
            mentions = Set.copyOf(mentions);
            attachments = List.copyOf(attachments);
            if (content.isEmpty() && attachments.isEmpty()) {
                throw new InvalidInputException("content", "must not be blank");
            }
        }

        /** A message without files. */
        public SendMessageCommand(UserId sender, ConnectionId connection, RoomId roomId, MessageContent content,
                                  Optional<ClientMessageId> clientMessageId, Optional<MessageId> replyTo,
                                  Set<UserId> mentions) {
            this(sender, connection, roomId, content, clientMessageId, replyTo, mentions, List.of());
        }

        /** A message that answers none and mentions nobody. */
        public SendMessageCommand(UserId sender, ConnectionId connection, RoomId roomId, MessageContent content,
                                  Optional<ClientMessageId> clientMessageId) {
            this(sender, connection, roomId, content, clientMessageId, Optional.empty(), Set.of());
        }
    }

    /**
     * The stored message. {@code duplicate} is true when the client message id had been used before: then
     * nothing new was stored, {@code message} is the first one, and it was pushed again to every member's
     * connections (the first attempt may have stopped before its push; clients drop ids they already have).
     */
    record SentMessage(Message message, boolean duplicate) {
        public SentMessage {
            Objects.requireNonNull(message, "message");
        }
    }
}
