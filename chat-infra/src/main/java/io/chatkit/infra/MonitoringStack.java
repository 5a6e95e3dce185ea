package io.chatkit.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * What tells the operators that the chat is failing: alarms on the functions (errors, throttles), on the
 * chat's own metrics (requests that failed on our side, pushes that did not get through, DynamoDB throttling)
 * and on API Gateway's (integration and execution errors), all to one SNS topic; and a dashboard of the golden
 * signals: messages, deliveries, latency, errors, connections.
 */
public final class MonitoringStack extends Stack {
    private static final Duration PERIOD = Duration.minutes(5);
    /** Pushes that fail now and then (a throttled client) are normal; ten in five minutes are not. */
    public static final int PUSH_FAILURES_THRESHOLD = 10;

    private final ITopic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    public MonitoringStack(Construct scope, String id, StackProps props, ChatInfraConfig config,
                           WebSocketStack webSocket) {
        super(scope, id, props);
        topic = config.operations().alarmTopicArn()
                .map(arn -> Topic.fromTopicArn(this, "AlarmTopic", arn))
                .orElseGet(() -> {
                    Topic created = Topic.Builder.create(this, "AlarmTopic")
                            .displayName("chatkit " + config.envName() + " alarms").enforceSsl(true).build();
                    NagFindings.accept(created, "AwsSolutions-SNS2", "alarm notifications carry alarm names and "
                            + "states, nothing of the chat's data; CloudWatch cannot publish to a topic under the AWS "
                            + "managed key, and a customer key for this alone is a cost with nothing to protect");
                    return created;
                });
        String namespace = webSocket.metricsNamespace();
        Map<String, String> api = Map.of("ApiId", webSocket.apiId(), "Stage", webSocket.stageName());

        for (Map.Entry<String, Function> function : webSocket.functions().entrySet()) {
            alarm(function.getKey() + "Errors", "the function " + function.getKey() + " failed (an uncaught error, "
                    + "a timeout or running out of memory): read its log group", function.getValue().metricErrors(), 1);
            alarm(function.getKey() + "Throttles", "Lambda refused to run " + function.getKey() + " (account or "
                    + "reserved concurrency reached): requests are being lost", function.getValue().metricThrottles(), 1);
        }
        alarm("ServerErrors", "requests answered INTERNAL_ERROR (500): find them in the functions' logs by "
                + "outcome", chat(namespace, "ServerErrors"), 1);
        alarm("PushFailures", "pushes to live connections failed (throttled, forbidden, too large, timed out; gone "
                + "connections are not counted): see PushThrottled, PushForbidden, PushTooLarge, PushTimeout",
                chat(namespace, "PushFailed"), PUSH_FAILURES_THRESHOLD);
        alarm("DynamoDbThrottled", "DynamoDB calls ended throttled after the SDK's retries: the table's capacity or "
                + "a hot key", chat(namespace, "DynamoDbThrottled"), 1);
        alarm("IntegrationErrors", "API Gateway got an error from a function (the 5xx a client sees)",
                apiGateway("IntegrationError", api), 1);
        alarm("ExecutionErrors", "API Gateway failed to run an integration (permissions, a missing function)",
                apiGateway("ExecutionError", api), 1);

        Dashboard.Builder.create(this, "Dashboard").dashboardName("chatkit-" + config.envName())
                .widgets(List.of(
                        List.of(graph("Messages and connections", apiGateway("MessageCount", api),
                                        apiGateway("ConnectCount", api)),
                                graph("Deliveries", chat(namespace, "Deliveries"), chat(namespace, "Gone"),
                                        chat(namespace, "PushFailed"))),
                        List.of(graph("sendMessage latency (ms)",
                                        latency(namespace, "p50"), latency(namespace, "p99")),
                                graph("Errors", chat(namespace, "ServerErrors"),
                                        apiGateway("IntegrationError", api), apiGateway("ExecutionError", api),
                                        apiGateway("ClientError", api)))))
                .build();
    }

    public ITopic topic() {
        return topic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    private void alarm(String id, String meaning, IMetric metric, int threshold) {
        Alarm alarm = Alarm.Builder.create(this, id + "Alarm")
                .alarmDescription(meaning)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    /** One of the functions' EMF metrics without dimensions, summed over five minutes. */
    private static Metric chat(String namespace, String name) {
        return Metric.Builder.create().namespace(namespace).metricName(name).statistic("Sum").period(PERIOD).build();
    }

    private static Metric latency(String namespace, String percentile) {
        return Metric.Builder.create().namespace(namespace).metricName("Latency")
                .dimensionsMap(Map.of("Route", "sendMessage")).statistic(percentile).period(PERIOD)
                .label("sendMessage " + percentile).build();
    }

    private static Metric apiGateway(String name, Map<String, String> api) {
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(name).dimensionsMap(api)
                .statistic("Sum").period(PERIOD).build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(12).build();
    }
}
