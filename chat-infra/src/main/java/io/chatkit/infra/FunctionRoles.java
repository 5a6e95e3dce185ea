package io.chatkit.infra;

import io.chatkit.adapter.dynamodb.ChatTableAccess;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
}
