package io.chatkit.adapter.dynamodb;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a user's {@code USER#{userId}/CONNECTIONS} item says: one attribute {@code CONNECTION#{id}} per connection
 * ({connectedAt, expiresAt}), and {@code lastSeenAt}, when their last connection closed.
 */
final class UserConnectionsItem {
    static final String CONNECTED_AT = "connectedAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String LAST_SEEN_AT = "lastSeenAt";

    private UserConnectionsItem() {
    }

    static UserId userOf(Map<String, AttributeValue> item) {
        return UserId.of(item.get(Keys.PK).s().substring(Keys.USER_PREFIX.length()));
    }

    static long liveCount(Map<String, AttributeValue> item, Instant now) {
        return item.entrySet().stream()
                .filter(attribute -> attribute.getKey().startsWith(Keys.CONNECTION_PREFIX))
                .filter(attribute -> expiresAt(attribute.getValue()) > now.toEpochMilli())
                .count();
    }

    /** The user's connections live at {@code now}. */
    static List<Connection> live(Map<String, AttributeValue> item, Instant now) {
        UserId user = userOf(item);
        List<Connection> live = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(Keys.CONNECTION_PREFIX)) {
                Connection connection = connection(ConnectionId.of(name.substring(Keys.CONNECTION_PREFIX.length())),
                        user, value.m());
                if (connection.isLiveAt(now)) {
                    live.add(connection);
                }
            }
        });
        return live;
    }

    /**
     * Online with a live connection; else last seen when the last closed, or when the last expired if that came
     * later (a connection that ended without {@code $disconnect}).
     */
    static Presence presence(Map<String, AttributeValue> item, Instant now) {
        long lastSeen = item.containsKey(LAST_SEEN_AT) ? Long.parseLong(item.get(LAST_SEEN_AT).n()) : -1;
        boolean online = false;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (attribute.getKey().startsWith(Keys.CONNECTION_PREFIX)) {
                long expiresAt = expiresAt(attribute.getValue());
                online |= expiresAt > now.toEpochMilli();
                lastSeen = Math.max(lastSeen, expiresAt);
            }
        }
        return online ? Presence.ONLINE
                : lastSeen < 0 ? Presence.OFFLINE : Presence.lastSeen(Instant.ofEpochMilli(lastSeen));
    }

    static Connection connection(ConnectionId id, UserId user, Map<String, AttributeValue> fields) {
        return new Connection(id, user,
                Instant.ofEpochMilli(Long.parseLong(fields.get(CONNECTED_AT).n())),
                Instant.ofEpochMilli(Long.parseLong(fields.get(EXPIRES_AT).n())));
    }

    private static long expiresAt(AttributeValue connection) {
        return Long.parseLong(connection.m().get(EXPIRES_AT).n());
    }
}
