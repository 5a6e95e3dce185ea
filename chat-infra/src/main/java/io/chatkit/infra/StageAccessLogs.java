package io.chatkit.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;

import java.util.List;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The stage's access log and how long the chat's logs are kept: one JSON line per connect, message and disconnect,
 * with the fields API Gateway offers for WebSocket APIs.
 */
final class StageAccessLogs {
    private StageAccessLogs() {
    }

    /**
     * The stage's access log: one JSON line per connect, message and disconnect with the fields API Gateway offers
     * for WebSocket APIs. API Gateway writes it with its account-wide CloudWatch role, set here only when asked
     * ({@code -c apiGatewayAccountRole=create}); without access logs the finding is accepted with that reason.
     */
    static void attach(Construct scope, CfnStage stage, ChatInfraConfig config) {
        if (!config.operations().accessLogs()) {
            NagFindings.accept(stage, "AwsSolutions-APIG1", "access logs were turned off for this deployment "
                    + "(-c accessLogs=false); the functions' JSON logs still record every request");
            return;
        }
        LogGroup accessLog = LogGroup.Builder.create(scope, "AccessLogs")
                .retention(retention(config))
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLog.getLogGroupArn())
                .format(ACCESS_LOG_FORMAT)
                .build());
        if (config.operations().createApiGatewayAccountRole()) {
            Role apiGatewayLogs = Role.Builder.create(scope, "ApiGatewayCloudWatchRole")
                    .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                    .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                            "service-role/AmazonAPIGatewayPushToCloudWatchLogs")))
                    .build();
            NagFindings.accept(apiGatewayLogs, "AwsSolutions-IAM4", "the policy AWS provides for exactly this role: "
                    + "API Gateway writing access and execution logs",
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
            CfnAccount account = CfnAccount.Builder.create(scope, "ApiGatewayAccount")
                    .cloudWatchRoleArn(apiGatewayLogs.getRoleArn()).build();
            stage.addResourceDependency(account);
        }
    }

    /** What each access log line holds: the request, the connection, the route, the result and its timings. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"extendedRequestId\":\"$context.extendedRequestId\","
            + "\"connectionId\":\"$context.connectionId\",\"eventType\":\"$context.eventType\","
            + "\"routeKey\":\"$context.routeKey\",\"messageId\":\"$context.messageId\","
            + "\"status\":\"$context.status\",\"requestTime\":\"$context.requestTimeEpoch\","
            + "\"connectedAt\":\"$context.connectedAt\",\"sourceIp\":\"$context.identity.sourceIp\","
            + "\"userAgent\":\"$context.identity.userAgent\","
            + "\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationLatency\":\"$context.integration.latency\","
            + "\"integrationError\":\"$context.integration.error\","
            + "\"error\":\"$context.error.message\",\"errorType\":\"$context.error.responseType\"}";

    static RetentionDays retention(ChatInfraConfig config) {
        int days = config.operations().logRetentionDays();
        for (RetentionDays candidate : RetentionDays.values()) {
            if (candidate != RetentionDays.INFINITE && daysOf(candidate) == days) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no retention of " + days + " days");
    }

    private static int daysOf(RetentionDays retention) {
        return switch (retention) {
            case ONE_DAY -> 1; case THREE_DAYS -> 3; case FIVE_DAYS -> 5; case ONE_WEEK -> 7; case TWO_WEEKS -> 14;
            case ONE_MONTH -> 30; case TWO_MONTHS -> 60; case THREE_MONTHS -> 90; case FOUR_MONTHS -> 120;
            case FIVE_MONTHS -> 150; case SIX_MONTHS -> 180; case ONE_YEAR -> 365; case THIRTEEN_MONTHS -> 400;
            case EIGHTEEN_MONTHS -> 545; case TWO_YEARS -> 731; case THREE_YEARS -> 1096; case FIVE_YEARS -> 1827;
            case SIX_YEARS -> 2192; case SEVEN_YEARS -> 2557; case EIGHT_YEARS -> 2922; case NINE_YEARS -> 3288;
            case TEN_YEARS -> 3653;
            default -> -1;
        };
    }
}
