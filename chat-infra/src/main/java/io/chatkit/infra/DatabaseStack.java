package io.chatkit.infra;

import io.chatkit.core.port.out.BlobStore;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The chat's data. The single table: PK/SK, on-demand, TTL on {@code ttl}, no secondary index (a user's rooms are
 * ordered when they are read, see docs/dynamodb-design.md), and point-in-time recovery (35 days of restorable
 * history: what was accepted is never lost). The attachments' bucket: private (every public access blocked), TLS
 * only, encrypted, reached only by signed requests the message function makes; what stays under {@code pending/}
 * (a file granted and never sent) is dropped after a day.
 */
public final class DatabaseStack extends Stack {
    /** Where uploads wait for their message; the lifecycle rule drops what stays there a day. */
    public static final String PENDING_PREFIX = BlobStore.PENDING_PREFIX;

    private final Table table;
    private final Bucket attachments;

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
        attachments = Bucket.Builder.create(this, "AttachmentsBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("DropUnsentUploads")
                        .prefix(PENDING_PREFIX)
                        .expiration(Duration.days(1))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                // browsers upload and download straight to the bucket by signed URLs, from the web client's origin
                .cors(List.of(CorsRule.builder()
                        .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
                        .allowedOrigins(config.attachmentOrigins())
                        .allowedHeaders(List.of("content-type", "x-amz-meta-*"))
                        .maxAge(3600)
                        .build()))
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        NagFindings.accept(attachments, "AwsSolutions-S1", "every request to the bucket is one the message function "
                + "signed for a member (its log records the grant and the send); server access logs would need a "
                + "bucket of their own: turn them on (or CloudTrail data events) where an audit asks for them");
    }

    /** Attachments' files, uploaded and downloaded by signed requests only. */
    public Bucket attachments() {
        return attachments;
    }

    public Table table() {
        return table;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
