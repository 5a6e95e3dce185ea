package io.chatkit.core.port.out;

import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.RoomId;

/**
 * Which send took each uploaded file: a file goes with one message only. A grant itself is not stored here: what
 * was granted (to whom, the name, the size and the type) travels signed with the upload and is kept by the blob
 * store with the file, so that granting an upload writes nothing.
 */
public interface AttachmentClaims {

    /**
     * The send {@code sendKey} takes the file, on condition that no other send took it: true if it is now (or
     * already was) that send's; false, and nothing changed, if another's.
     */
    boolean take(RoomId room, AttachmentId id, String sendKey);

    /** Gives the file back, on condition that the send {@code sendKey} took it (a send refused after it did). */
    void release(RoomId room, AttachmentId id, String sendKey);
}
