package io.chatkit.core.port.out;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Senders' claims on their client message ids, which make a send idempotent: the first attempt of a send claims its
 * id for the message it stores, and a retry finds the claim. One storage operation per method; when a claim counts
 * (its lifetime, its content) is the core's rule.
 */
public interface SendClaims {

    /**
     * Stores the claim, on condition that there is none of its key or the one there expired at {@code now}.
     *
     * @return false, and nothing changed, when a live claim of the key is there
     */
    boolean claim(SendClaim claim, Instant now);

    /** The claim of this key as stored, expired or not (a store may delete expired claims at any time). */
    Optional<SendClaim> find(SendKey key);

    /** Points the claim at another message id: the message got a later id than it was claimed with. */
    void moveTo(SendKey key, MessageId messageId);

    /**
     * The room and, when a key is given, its claim, in one read: what a send needs before it writes anything.
     */
    RoomAndClaim findRoomAndClaim(RoomId room, Optional<SendKey> key);

    /** A sender's client message id in a room. One sender's ids never meet another's. */
    record SendKey(RoomId room, UserId sender, ClientMessageId id) {
        public SendKey {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A claim: the id the claimed message got, its content's
     * {@link io.chatkit.core.domain.Message#fingerprint() fingerprint} (which tells a retry from another
     * message under the same id), and when the claim stops answering retries.
     */
    record SendClaim(SendKey key, MessageId messageId, String contentFingerprint, Instant expiresAt) {
        public SendClaim {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(contentFingerprint, "contentFingerprint");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        public boolean isLiveAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    /** What {@link #findRoomAndClaim} read. */
    record RoomAndClaim(Optional<Room> room, Optional<SendClaim> claim) {
        public RoomAndClaim {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(claim, "claim");
        }
    }
}
