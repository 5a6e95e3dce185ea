package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DatabaseStackTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")).database());
    }

    @Test
    void one_table_with_string_pk_and_sk_billed_per_request() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "chatkit-dev",
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "PK", "KeyType", "HASH"),
                        Map.of("AttributeName", "SK", "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "PK", "AttributeType", "S"),
                        Map.of("AttributeName", "SK", "AttributeType", "S")))));
    }

    @Test
    void point_in_time_recovery_is_on() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    }

    @Test
    void connections_expire_by_the_ttl_attribute() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
    }

    @Test
    void the_table_has_no_secondary_index_since_rooms_are_ordered_when_read() {
        Map<String, Map<String, Object>> tables = template.findResources("AWS::DynamoDB::Table");
        assertThat(tables.values()).singleElement().satisfies(table -> assertThat(
                ((Map<String, ?>) table.get("Properties")).keySet()).doesNotContain("GlobalSecondaryIndexes", "LocalSecondaryIndexes"));
    }

    @Test
    void outside_prod_the_table_is_deleted_with_the_stack() {
        Map<String, Map<String, Object>> tables = template.findResources("AWS::DynamoDB::Table");
        assertThat(tables.values()).allSatisfy(table -> {
            assertThat(table.get("DeletionPolicy")).isEqualTo("Delete");
            assertThat(table.get("UpdateReplacePolicy")).isEqualTo("Delete");
        });
    }

    @Test
    void the_attachments_bucket_is_private_encrypted_tls_only_and_drops_unsent_uploads_after_a_day() {
        template.resourceCountIs("AWS::S3::Bucket", 1);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("Id", "DropUnsentUploads",
                        "Prefix", "pending/", "ExpirationInDays", 1, "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)))),
                "CorsConfiguration", Map.of("CorsRules", List.of(Match.objectLike(Map.of(
                        "AllowedMethods", List.of("PUT", "GET", "HEAD"), "AllowedOrigins", List.of("*")))))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void the_web_clients_origin_may_narrow_who_uploads_from_a_page() {
        Template narrowed = Template.fromStack(Synth.app(new ChatInfraConfig("dev", java.util.Optional.empty(),
                java.util.Optional.empty(), false, 1024, 15, true, ChatInfraConfig.DEFAULT_LAMBDA_JAR,
                ChatInfraConfig.DEFAULT_WEB_CLIENT, Operations.DEFAULTS, false,
                ChatInfraConfig.ReservedConcurrency.NONE, List.of("https://chat.example.com"))).database());

        narrowed.hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules", List.of(
                Match.objectLike(Map.of("AllowedOrigins", List.of("https://chat.example.com")))))));
    }
}
