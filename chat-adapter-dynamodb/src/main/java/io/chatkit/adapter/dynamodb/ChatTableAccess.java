package io.chatkit.adapter.dynamodb;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each kind of function of a deployment does to the chat's table: the DynamoDB operations it calls and the
 * partition keys its requests name, by prefix. A deployment gives each function a role with exactly these (chat-infra's
 * WebSocket stack: the actions, on the table, under a {@code dynamodb:LeadingKeys} condition), and
 * {@code FunctionTableAccessTest} in chat-lambda holds the handler to them: every request each route makes is among
 * its function's operations and prefixes, and every operation listed is used.
 */
public enum ChatTableAccess {
    /**
     * {@code $connect}: the connection's two records, the user's allowances; the snapshot's priming read; coming
     * online, the user's memberships, their rooms and their direct peers' connections (to tell the peers).
     */
    CONNECT(Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem"),
            List.of(Keys.CONNECTION_PREFIX, Keys.USER_PREFIX, Keys.ROOM_PREFIX)),
    /**
     * {@code $disconnect}: the connection's two records; the snapshot's priming read; going offline, the user's
     * memberships, their rooms and their direct peers' connections.
     */
    DISCONNECT(Set.of("GetItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem"),
            List.of(Keys.CONNECTION_PREFIX, Keys.USER_PREFIX, Keys.ROOM_PREFIX)),
    /** Every other route: the protocol's actions. */
    MESSAGES(Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem"),
            List.of(Keys.CONNECTION_PREFIX, Keys.USER_PREFIX, Keys.ROOM_PREFIX, Keys.DIRECT_ROOM_PREFIX));

    private final Set<String> operations;
    private final List<String> keyPrefixes;

    ChatTableAccess(Set<String> operations, List<String> keyPrefixes) {
        this.operations = new TreeSet<>(operations);
        this.keyPrefixes = List.copyOf(keyPrefixes);
    }

    /** The operations, as the SDK names them ({@code GetItem}). */
    public Set<String> operations() {
        return operations;
    }

    /** The IAM actions of {@link #operations} ({@code dynamodb:GetItem}). */
    public List<String> iamActions() {
        return operations.stream().map(operation -> "dynamodb:" + operation).toList();
    }

    /** The prefixes every partition key the function names begins with ({@code CONNECTION#}). */
    public List<String> keyPrefixes() {
        return keyPrefixes;
    }

    /** For a {@code ForAllValues:StringLike} condition on {@code dynamodb:LeadingKeys}. */
    public List<String> leadingKeyPatterns() {
        return keyPrefixes.stream().map(prefix -> prefix + "*").toList();
    }
}
