package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.SendClaims;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Senders' claims on their client message ids; expired ones are swept every 1,000 claims, as DynamoDB's TTL deletes their items. */
final class InMemorySendClaims implements SendClaims {
    /** How many claims are made between two sweeps of the expired ones. */
    private static final int CLAIMS_BETWEEN_SWEEPS = 1_000;

    private final Map<SendKey, SendClaim> claims = new HashMap<>();
    private final InMemoryRooms rooms;
    private long claimsMade;

    InMemorySendClaims(InMemoryRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public synchronized boolean claim(SendClaim claim, Instant now) {
        SendClaim there = claims.get(claim.key());
        if (there != null && there.isLiveAt(now)) {
            return false;
        }
        claims.put(claim.key(), claim);
        if (++claimsMade % CLAIMS_BETWEEN_SWEEPS == 0) {
            forgetExpiredClaims(now);
        }
        return true;
    }

    @Override
    public synchronized Optional<SendClaim> find(SendKey key) {
        return Optional.ofNullable(claims.get(key));
    }

    @Override
    public synchronized void moveTo(SendKey key, MessageId messageId) {
        claims.computeIfPresent(key, (k, claim) ->
                new SendClaim(k, messageId, claim.contentFingerprint(), claim.expiresAt()));
    }

    @Override
    public synchronized RoomAndClaim findRoomAndClaim(RoomId room, Optional<SendKey> key) {
        return new RoomAndClaim(rooms.find(room), key.map(claims::get));
    }

    /** How many claims are held, expired ones not yet swept included. */
    synchronized int held() {
        return claims.size();
    }

    private void forgetExpiredClaims(Instant now) {
        claims.values().removeIf(claim -> !claim.isLiveAt(now));
    }
}
