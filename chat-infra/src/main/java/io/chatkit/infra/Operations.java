package io.chatkit.infra;

import java.util.Optional;
import java.util.Set;

/**
 * How a deployment tells its operators what happens, from CDK context ({@code -c logRetentionDays=90}).
 *
 * @param logRetentionDays          how long the functions' and the stage's logs are kept (one of CloudWatch's
 *                                  periods); 30 unless {@code logRetentionDays}
 * @param logLevel                  the functions' application log level ({@code TRACE} … {@code FATAL}); INFO
 * @param tracing                   X-Ray active tracing on the functions ({@code -c tracing=true}); off
 * @param accessLogs                the stage's access log ({@code -c accessLogs=false} to go without); on
 * @param createApiGatewayAccountRole set API Gateway's account-wide CloudWatch role in this region
 *                                  ({@code -c apiGatewayAccountRole=create}), which access logs need; an account
 *                                  that has one keeps it (the default)
 * @param alarmTopicArn             where alarms go ({@code -c alarmTopicArn=…}); else a topic is created
 */
public record Operations(int logRetentionDays, String logLevel, boolean tracing, boolean accessLogs,
                         boolean createApiGatewayAccountRole, Optional<String> alarmTopicArn) {
    public static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    public static final Operations DEFAULTS = new Operations(30, "INFO", false, true, false, Optional.empty());

    public Operations {
        if (!RETENTION_DAYS.contains(logRetentionDays)) {
            throw new IllegalArgumentException("logRetentionDays must be one of CloudWatch's periods "
                    + new java.util.TreeSet<>(RETENTION_DAYS) + ", not " + logRetentionDays);
        }
        if (!LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("logLevel must be one of " + LEVELS + ", not " + logLevel);
        }
        alarmTopicArn.ifPresent(arn -> {
            if (!arn.startsWith("arn:") || !arn.contains(":sns:")) {
                throw new IllegalArgumentException("alarmTopicArn must be an SNS topic's ARN, not " + arn);
            }
        });
    }

    public Operations withAlarmTopic(String arn) {
        return new Operations(logRetentionDays, logLevel, tracing, accessLogs, createApiGatewayAccountRole,
                Optional.of(arn));
    }

    public Operations withTracing() {
        return new Operations(logRetentionDays, logLevel, true, accessLogs, createApiGatewayAccountRole, alarmTopicArn);
    }

    public Operations withLogs(int retentionDays, String level) {
        return new Operations(retentionDays, level, tracing, accessLogs, createApiGatewayAccountRole, alarmTopicArn);
    }
}
