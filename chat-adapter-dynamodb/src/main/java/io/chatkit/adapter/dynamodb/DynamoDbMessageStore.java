package io.chatkit.adapter.dynamodb;

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
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Rooms, messages and memberships on the seed's keys, in one table and without transactions: every operation is a
 * conditional write of one item (or a batch of writes that need no condition), and what a request costs depends on
 * what it does, not on how much the room holds or how many members it has (see docs/dynamodb-design.md for the
 * items and the request budget). The rules over these operations are the core's.
 */
public final class DynamoDbMessageStore implements MessageStore {
    private final Rooms rooms;
    private final Memberships memberships;
    private final RoomCounts roomCounts;
    private final DirectRoomClaims directRoomClaims;
    private final LastMessages lastMessages;
    private final MessageLog log;
    private final SendClaims sendClaims;
    private final Blocks blocks;
    private final MessageChanges changes;
    private final AttachmentClaims attachmentClaims;

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        TableClient table = new TableClient(dynamoDb, tableName, executor);
        DynamoDbRooms rooms = new DynamoDbRooms(table);
        this.rooms = rooms;
        this.memberships = new DynamoDbMemberships(table);
        this.roomCounts = new DynamoDbRoomCounts(table);
        this.directRoomClaims = new DynamoDbDirectRoomClaims(table);
        this.lastMessages = new DynamoDbLastMessages(table);
        this.log = new DynamoDbMessageLog(table);
        this.sendClaims = new DynamoDbSendClaims(table, rooms);
        this.blocks = new DynamoDbBlocks(table);
        this.changes = new DynamoDbMessageChanges(table);
        this.attachmentClaims = new DynamoDbAttachmentClaims(table);
    }

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

    @Override
    public MessageChanges changes() {
        return changes;
    }

    @Override
    public AttachmentClaims attachmentClaims() {
        return attachmentClaims;
    }
}
