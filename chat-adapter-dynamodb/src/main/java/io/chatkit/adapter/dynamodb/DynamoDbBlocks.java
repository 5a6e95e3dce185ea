package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Blocks;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Whom a user blocked is a string set on their {@code USER#{userId}/BLOCKS} item (no ttl: blocks last). */
final class DynamoDbBlocks implements Blocks {
    private static final String BLOCKED = "blocked";

    private final TableClient table;

    DynamoDbBlocks(TableClient table) {
        this.table = table;
    }

    /** One conditional UpdateItem returning the set as it was, which tells a new block from a repeated one. */
    @Override
    public Blocked block(UserId blocker, UserId blocked, int max) {
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(blocker))
                        .updateExpression("ADD blocked :user")
                        .conditionExpression("attribute_not_exists(blocked) OR size(blocked) < :max"
                                + " OR contains(blocked, :one)")
                        .expressionAttributeValues(Map.of(":user", Items.users(List.of(blocked)), ":max", n(max),
                                ":one", s(blocked.value())))
                        .returnValues(ReturnValue.UPDATED_OLD)).attributes())
                .map(old -> Items.users(old.get(BLOCKED)).contains(blocked) ? Blocked.ALREADY : Blocked.NEW)
                .orElse(Blocked.FULL);
    }

    @Override
    public void unblock(UserId blocker, UserId blocked) {
        table.call("UpdateItem", () -> table.client.updateItem(b -> b.tableName(table.name).key(key(blocker))
                .updateExpression("DELETE blocked :user")
                .expressionAttributeValues(Map.of(":user", Items.users(List.of(blocked))))));
    }

    @Override
    public Set<UserId> blockedBy(UserId blocker) {
        return table.getItem(Keys.user(blocker), Keys.BLOCKS).map(item -> (Set<UserId>) Items.users(item.get(BLOCKED)))
                .orElse(Set.of());
    }

    /** One BatchGetItem per 100 users, side by side. */
    @Override
    public Map<UserId, Set<UserId>> blockedByEach(Collection<UserId> blockers) {
        Map<UserId, Set<UserId>> blocks = new HashMap<>();
        table.batchGet(blockers.stream().distinct().map(DynamoDbBlocks::key).toList()).forEach(item -> blocks.put(
                UserId.of(item.get(Keys.PK).s().substring(Keys.USER_PREFIX.length())), Items.users(item.get(BLOCKED))));
        return blocks;
    }

    private static Map<String, AttributeValue> key(UserId user) {
        return Keys.key(Keys.user(user), Keys.BLOCKS);
    }
}
