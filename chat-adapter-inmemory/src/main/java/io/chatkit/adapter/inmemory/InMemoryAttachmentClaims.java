package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.AttachmentClaims;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sends that took each file, kept as long as the process runs (one small entry per file sent). */
final class InMemoryAttachmentClaims implements AttachmentClaims {
    private final Map<Key, String> takenBy = new ConcurrentHashMap<>();

    private record Key(RoomId room, AttachmentId id) {
    }

    @Override
    public boolean take(RoomId room, AttachmentId id, String sendKey) {
        return takenBy.computeIfAbsent(new Key(room, id), key -> sendKey).equals(sendKey);
    }

    @Override
    public void release(RoomId room, AttachmentId id, String sendKey) {
        takenBy.remove(new Key(room, id), sendKey);
    }
}
