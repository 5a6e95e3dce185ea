package io.chatkit.adapter.inmemory;

import io.chatkit.core.port.out.AttachmentClaims;
import io.chatkit.core.port.out.Blocks;
import io.chatkit.core.port.out.DirectRoomClaims;
import io.chatkit.core.port.out.LastMessages;
import io.chatkit.core.port.out.MessageChanges;
import io.chatkit.core.port.out.Memberships;
import io.chatkit.core.port.out.MessageLog;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.RoomCounts;
import io.chatkit.core.port.out.Rooms;
import io.chatkit.core.port.out.SendClaims;

/**
 * Rooms, messages, memberships and read state in memory, on the same model as the DynamoDB store and behind the
 * same role ports: each operation is one step under its role's lock, with the condition its port states. The rules
 * over them are the core's, so this store holds none.
 */
public final class InMemoryMessageStore implements MessageStore {
    private final InMemoryRooms rooms = new InMemoryRooms();
    private final InMemoryMemberships memberships = new InMemoryMemberships();
    private final InMemoryRoomCounts roomCounts = new InMemoryRoomCounts();
    private final InMemoryDirectRoomClaims directRoomClaims = new InMemoryDirectRoomClaims();
    private final InMemoryLastMessages lastMessages = new InMemoryLastMessages();
    private final InMemoryMessageLog log = new InMemoryMessageLog(lastMessages);
    private final InMemorySendClaims sendClaims = new InMemorySendClaims(rooms);
    private final InMemoryBlocks blocks = new InMemoryBlocks();
    private final InMemoryMessageChanges changes = new InMemoryMessageChanges();
    private final InMemoryAttachmentClaims attachmentClaims = new InMemoryAttachmentClaims();

    @Override
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public Memberships memberships() {
        return memberships;
    }

    @Override
    public RoomCounts roomCounts() {
        return roomCounts;
    }

    @Override
    public DirectRoomClaims directRoomClaims() {
        return directRoomClaims;
    }

    @Override
    public LastMessages lastMessages() {
        return lastMessages;
    }

    @Override
    public MessageLog log() {
        return log;
    }

    @Override
    public SendClaims sendClaims() {
        return sendClaims;
    }

    @Override
    public Blocks blocks() {
        return blocks;
    }

    /** How many client message ids are held, expired ones not yet swept included (for tests and leak checks). */
    public int clientMessageIdsHeld() {
        return sendClaims.held();
    }

    @Override
    public MessageChanges changes() {
        return changes;
    }

    @Override
    public AttachmentClaims attachmentClaims() {
        return attachmentClaims;
    }
}
