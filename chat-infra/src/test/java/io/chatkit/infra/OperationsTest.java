package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What a deployment gives its operators: logs kept for a set time in Lambda's JSON format, the stage's access
 * log, alarms that reach a topic, and a dashboard of the golden signals.
 */
class OperationsTest {
    private static Template webSocket;
    private static Template monitoring;

    @BeforeAll
    static void synthesize() {
        ChatInfraApp.ChatStacks stacks = Synth.app(ChatInfraConfig.defaults("dev"));
        webSocket = Template.fromStack(stacks.webSocket());
        monitoring = Template.fromStack(stacks.monitoring());
    }

    @Test
    void every_function_logs_json_at_info_to_its_own_log_group_kept_30_days() {
        webSocket.resourceCountIs("AWS::Logs::LogGroup", 5); // 4 functions (the authorizer included) and the access logs
        webSocket.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        webSocket.allResourcesProperties("AWS::Lambda::Function", Map.of(
                "LoggingConfig", Map.of("LogFormat", "JSON", "ApplicationLogLevel", "INFO", "SystemLogLevel", "WARN",
                        "LogGroup", Map.of("Ref", Match.stringLikeRegexp(".*FunctionLogs.*")))));
        // the chat's functions write EMF metrics; the authorizer writes none
        assertThat(webSocket.findResources("AWS::Lambda::Function", Map.of("Properties", Map.of(
                "Handler", WebSocketStack.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of("METRICS_NAMESPACE", "Chatkit/dev")))))))
                .hasSize(3);
        assertThat(webSocket.findResources("AWS::Lambda::Function").toString()).doesNotContain("TracingConfig={Mode=Active}");
    }

    @Test
    void retention_level_and_tracing_come_from_context() {
        Template custom = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev").withOperations(
                Operations.DEFAULTS.withLogs(90, "DEBUG").withTracing())).webSocket());

        custom.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
        custom.allResourcesProperties("AWS::Lambda::Function", Map.of(
                "LoggingConfig", Match.objectLike(Map.of("ApplicationLogLevel", "DEBUG")),
                "TracingConfig", Map.of("Mode", "Active")));
        assertThatThrownBy(() -> Operations.DEFAULTS.withLogs(31, "INFO"))
                .hasMessageContaining("logRetentionDays must be one of");
    }

    @Test
    void the_stage_writes_an_access_log_with_the_request_connection_route_status_and_errors() {
        webSocket.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("AccessLogSettings", Map.of(
                "DestinationArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AccessLogs.*"), "Arn")),
                "Format", StageAccessLogs.ACCESS_LOG_FORMAT)));
        for (String variable : List.of("$context.requestId", "$context.connectionId", "$context.routeKey",
                "$context.eventType", "$context.status", "$context.integration.latency", "$context.error.message")) {
            assertThat(StageAccessLogs.ACCESS_LOG_FORMAT).contains(variable);
        }
        webSocket.resourceCountIs("AWS::ApiGateway::Account", 0);
        Template withRole = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev").withOperations(
                new Operations(30, "INFO", false, true, true, Optional.empty()))).webSocket());
        withRole.resourceCountIs("AWS::ApiGateway::Account", 1);
    }

    @Test
    void alarms_watch_functions_pushes_dynamodb_and_api_gateway_and_notify_the_topic() {
        monitoring.resourceCountIs("AWS::SNS::Topic", 1);
        Map<String, Map<String, Object>> alarms = monitoring.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(4 * 2 + 5); // errors and throttles of 4 functions (the authorizer included)
        assertThat(alarms.values()).allSatisfy(alarm -> {
            String props = alarm.get("Properties").toString();
            assertThat(props).contains("AlarmActions=[{Ref=AlarmTopic").contains("TreatMissingData=notBreaching")
                    .contains("ComparisonOperator=GreaterThanOrEqualToThreshold");
        });
        assertAlarm("Errors", "AWS/Lambda", 1);
        assertAlarm("Throttles", "AWS/Lambda", 1);
        assertAlarm("ServerErrors", "Chatkit/dev", 1);
        assertAlarm("PushFailed", "Chatkit/dev", 10); // the README's "≥ 10 pushes failed in 5 minutes"
        assertAlarm("DynamoDbThrottled", "Chatkit/dev", 1);
        assertAlarm("IntegrationError", "AWS/ApiGateway", 1);
        assertAlarm("ExecutionError", "AWS/ApiGateway", 1);
        assertThat(alarms.toString()).as("gone connections are no failure").doesNotContain("MetricName=Gone");
        assertThat(alarms.values()).allSatisfy(alarm -> assertThat(alarm.get("Properties").toString())
                .as("every alarm looks at 5 minutes").contains("Period=300", "EvaluationPeriods=1"));
    }

    @Test
    void a_given_topic_receives_the_alarms_instead_of_a_new_one() {
        String arn = "arn:aws:sns:us-east-1:123456789012:ops";
        Template given = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev").withOperations(
                Operations.DEFAULTS.withAlarmTopic(arn))).monitoring());

        given.resourceCountIs("AWS::SNS::Topic", 0);
        given.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(arn)));
    }

    @Test
    void the_dashboard_shows_messages_deliveries_latency_errors_and_connections() {
        Map<String, Map<String, Object>> dashboards = monitoring.findResources("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = dashboards.values().iterator().next().toString();
        for (String shown : List.of("MessageCount", "ConnectCount", "Deliveries", "PushFailed", "Latency", "p50",
                "p99", "ServerErrors", "IntegrationError")) {
            assertThat(body).contains(shown);
        }
    }

    private static void assertAlarm(String metric, String namespace, int threshold) {
        assertThat(monitoring.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", metric, "Namespace", namespace, "Threshold", threshold))))
                .as("an alarm on %s/%s at %d", namespace, metric, threshold).isNotEmpty();
    }
}
