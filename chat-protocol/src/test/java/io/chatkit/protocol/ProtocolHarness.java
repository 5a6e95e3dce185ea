package io.chatkit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.adapter.inmemory.FolderBlobStore;
import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.service.AttachmentRules;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.core.service.ChatServices;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The protocol over in-memory stores, with a recording pusher: frames in, replies and pushes out. */
final class ProtocolHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    final RecordingPusher pusher = new RecordingPusher();
    /** Attachments' files, in a folder of the test's; nothing serves it: uploads are handed to it directly. */
    final FolderBlobStore blobs = new FolderBlobStore(temporaryFolder(),
            () -> URI.create("http://127.0.0.1:9"), Clock.systemUTC());
    final ChatServices chat;
    final ChatProtocol protocol;

    /** Limits no test here reaches unless it means to. */
    static final ChatLimits LIMITS_OUT_OF_REACH = ChatLimits.DEFAULTS.withFrames(1_000_000, 1_000)
            .withRoomChangesPerHour(1_000_000).withRefusalsInARow(1_000_000);

    /** With limits out of reach: a user may send as many frames as a test needs. */
    ProtocolHarness() {
        this(null, LIMITS_OUT_OF_REACH);
    }

    /** With another connection store in front of the in-memory one (a failing one, say). */
    ProtocolHarness(ConnectionStore connectionsInstead) {
        this(connectionsInstead, LIMITS_OUT_OF_REACH);
    }

    /**
     * With the limits a deployment has unless it sets others, and a clock that stands still, so that no allowance
     * refills while a test uses it up, however slow the machine.
     */
    static ProtocolHarness withDefaultLimits() {
        return new ProtocolHarness(null, ChatLimits.DEFAULTS, Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }

    /** With limits out of reach but for the rooms a user may belong to. */
    static ProtocolHarness withRoomsPerUser(int rooms) {
        return new ProtocolHarness(null, LIMITS_OUT_OF_REACH.withRoomsPerUser(rooms));
    }

    /** With limits out of reach, but for attachments, whose rules are these. */
    static ProtocolHarness withAttachmentRules(AttachmentRules rules) {
        return new ProtocolHarness(null, LIMITS_OUT_OF_REACH, Clock.fixed(Instant.now(), ZoneOffset.UTC), rules);
    }

    private ProtocolHarness(ConnectionStore connectionsInstead, ChatLimits limits) {
        this(connectionsInstead, limits, Clock.systemUTC());
    }

    private ProtocolHarness(ConnectionStore connectionsInstead, ChatLimits limits, Clock clock) {
        this(connectionsInstead, limits, clock, AttachmentRules.DEFAULTS);
    }

    private ProtocolHarness(ConnectionStore connectionsInstead, ChatLimits limits, Clock clock,
                            AttachmentRules attachmentRules) {
        chat = ChatServices.builder()
                .connections(connectionsInstead != null ? connectionsInstead : connections)
                .messages(messages)
                .pusher(pusher)
                .limits(limits)
                .clock(clock)
                .blobStore(blobs)
                .attachmentRules(attachmentRules)
                .build();
        protocol = new ChatProtocol(chat);
    }

    ConnectionId connect(String user, String connection) {
        ConnectionId id = ConnectionId.of(connection);
        chat.connect().connect(new ConnectCommand(id, UserId.of(user), Instant.now()));
        return id;
    }

    /** alice on {@code a1} and bob on {@code b1} share a direct room, whose id this returns; nothing pushed yet. */
    String aliceAndBobInARoom() {
        connect("alice", "a1");
        connect("bob", "b1");
        JsonNode created = reply("a1", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}");
        if (!created.path("type").asText().equals("roomCreated")) {
            throw new AssertionError("no room: " + created);
        }
        pusher.clear();
        return created.at("/data/chatRoomId").asText();
    }

    Reply send(String connection, String frame) {
        return protocol.handle(ConnectionId.of(connection), frame);
    }

    JsonNode reply(String connection, String frame) {
        return parse(send(connection, frame).frame());
    }

    private static java.nio.file.Path temporaryFolder() {
        try {
            java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("protocol-blobs");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode parse(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + frame, e);
        }
    }
}
