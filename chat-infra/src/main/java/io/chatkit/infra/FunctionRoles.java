package io.chatkit.infra;

import io.chatkit.adapter.dynamodb.ChatTableAccess;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** The functions' roles: each may write its own logs, and touch the table only as far as its role needs. */
final class FunctionRoles {
    private static final String BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole";

    private FunctionRoles() {
    }

    /** A role that may write its function's logs and nothing else ({@code what}: whose, for the nag finding). */
    static Role logsOnly(Construct scope, String id, String what) {
        Role role = Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(BASIC_EXECUTION)))
                .build();
        NagFindings.accept(role, "AwsSolutions-IAM4", "the basic execution role grants exactly what " + what
                + " needs: writing its logs (CreateLogGroup, CreateLogStream, PutLogEvents)",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/" + BASIC_EXECUTION);
        return role;
    }

    /**
     * A function's own role: its logs, and on the table only the operations {@code access} lists, on items whose
     * partition key begins with one of its prefixes ({@code dynamodb:LeadingKeys}).
     */
    static Role withTableAccess(Construct scope, String name, ITable table, ChatTableAccess access) {
        Role role = logsOnly(scope, name + "FunctionRole", "a function");
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(access.iamActions())
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                        access.leadingKeyPatterns())))
                .build());
        return role;
    }

    /**
     * What the message function needs on the attachments' bucket, and nothing else: it signs uploads under
     * {@code pending/} and downloads (a signed request acts with the signer's permissions), HEADs and copies files
     * when a message is sent, and lists the bucket so that a HEAD of a missing file answers 404 (without
     * {@code s3:ListBucket}, S3 answers 403, which would read as a failure).
     */
    static void withAttachments(Role role, IBucket bucket) {
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject", "s3:GetObject"))
                .resources(List.of(bucket.arnForObjects("*")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
        NagFindings.acceptMatching(role, "AwsSolutions-IAM5", "attachments' files have ids made at run time; the "
                + "function reaches the chat's attachments bucket and nothing wider",
                "^Resource::.*AttachmentsBucket[0-9A-Za-z]*(\\.Arn>)?/\\*$");
    }
}
