package io.chatkit.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.constructs.Construct;

/**
 * The single table: PK/SK, on-demand, TTL on {@code ttl}, no secondary index (a user's rooms are ordered when they
 * are read, see docs/dynamodb-design.md), and point-in-time recovery (35 days of restorable history: what was
 * accepted is never lost).
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
    }

    public Table table() {
        return table;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
