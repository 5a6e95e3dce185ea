package io.chatkit.core.port.out;

/**
 * The chat's storage of rooms and messages, as role ports whose methods are single storage operations with their
 * condition; the rules over them (sending, room changes, lists, history) are the core's. Nothing is written per
 * member when a message is sent: a user's room list is ordered, and its unread counts derived, when it is read,
 * from each room's last message and the member's read position.
 */
public interface MessageStore {

    /** The rooms' facts and members. */
    Rooms rooms();

    /** The members' memberships with their read positions. */
    Memberships memberships();

    /** How many rooms each user belongs to. */
    RoomCounts roomCounts();

    /** The pairs' claims on their direct rooms. */
    DirectRoomClaims directRoomClaims();

    /** The rooms' newest messages, which number their messages. */
    LastMessages lastMessages();

    /** The rooms' messages at their places. */
    MessageLog log();

    /** Senders' claims on their client message ids. */
    SendClaims sendClaims();

    /** Whom each user blocked. */
    Blocks blocks();

    /** Each room's change sequence: edits and deletions, for catching up. */
    MessageChanges changes();

    /** Which send took each file sent with a message. */
    AttachmentClaims attachmentClaims();
}
