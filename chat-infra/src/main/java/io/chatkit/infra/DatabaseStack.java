package io.chatkit.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import java.util.List;
import software.constructs.Construct;

/**
 * The single table: PK/SK, on-demand, TTL on {@code ttl}, GSI1 for "my rooms, most recent first", and
 * point-in-time recovery (35 days of restorable history: what was accepted is never lost).
 */
public final class DatabaseStack extends Stack {
    private final Table table;

    public DatabaseStack(Construct scope, String id, StackProps props, ChatInfraConfig config) {
        super(scope, id, props);
        table = new Table(this, "ChatTable", TableProps.builder()
                .tableName("chatkit-" + config.envName())
                .partitionKey(string("PK"))
                .sortKey(string("SK"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute("ttl")
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName("GSI1")
                .partitionKey(string("GSI1PK"))
                .sortKey(string("GSI1SK"))
                // Only what the room list reads from a participation (the adapter's ChatTable says the same): the
                // keys, the preview and the two places the unread count is the difference of.
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(GSI1_ATTRIBUTES)
                .build());
    }

    /** The non-key attributes GSI1 projects: the room list reads nothing else from it. */
    static final List<String> GSI1_ATTRIBUTES = List.of("preview", "lastSeq", "readSeq");

    public Table table() {
        return table;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
