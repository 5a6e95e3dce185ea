package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AWS Solutions pack over every stack of every supported combination of options: no finding is
 * left unsuppressed, and every suppression carries its reason in the stack's code.
 */
class AwsSolutionsChecksTest {

    static Stream<Arguments> combinations() {
        ChatInfraConfig dev = ChatInfraConfig.defaults("dev");
        return Stream.of(
                Arguments.of("default", dev),
                Arguments.of("frontend", dev.withFrontend()),
                Arguments.of("no SnapStart", dev.withSnapStart(false)),
                Arguments.of("tracing, the account role for access logs, a given alarm topic",
                        dev.withOperations(new Operations(90, "DEBUG", true, true, true,
                                java.util.Optional.of("arn:aws:sns:us-east-1:123456789012:ops")))),
                Arguments.of("no access logs", dev.withOperations(new Operations(30, "INFO", false, false, false,
                        java.util.Optional.empty()))),
                Arguments.of("existing user pool, prod", ChatInfraConfig.defaults("prod")
                        .withExistingUserPool("us-east-1_AbCdEf123", "1example23456789abcdefghij")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void no_finding_is_left_unsuppressed(String name, ChatInfraConfig config) {
        App app = new App(AppProps.builder().outdir("target/cdk.out/nag-" + System.nanoTime()).build());
        ChatInfraApp.ChatStacks stacks = ChatInfraApp.build(app, config);
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();

        List<String> findings = new ArrayList<>();
        for (Stack stack : Stream.of(stacks.auth(), stacks.database(), stacks.webSocket(), stacks.monitoring(),
                        stacks.frontend())
                .filter(java.util.Objects::nonNull).toList()) {
            Annotations annotations = Annotations.fromStack(stack);
            for (SynthesisMessage message : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add("ERROR " + message.getId() + ": " + message.getEntry().getData());
            }
            for (SynthesisMessage message : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add("WARNING " + message.getId() + ": " + message.getEntry().getData());
            }
        }
        assertThat(findings).as(String.join("\n", findings)).isEmpty();
    }

    /**
     * Every accepted finding, in every stack of every combination, names an AWS Solutions rule and says why in a
     * sentence (cdk-nag itself only refuses a reason under 10 characters).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    @SuppressWarnings("unchecked")
    void every_accepted_finding_says_why(String name, ChatInfraConfig config) {
        App app = new App(AppProps.builder().outdir("target/cdk.out/reasons-" + System.nanoTime()).build());
        ChatInfraApp.ChatStacks stacks = ChatInfraApp.build(app, config);
        List<java.util.Map<String, Object>> accepted = new ArrayList<>();
        for (Stack stack : Stream.of(stacks.auth(), stacks.database(), stacks.webSocket(), stacks.monitoring(),
                        stacks.frontend())
                .filter(java.util.Objects::nonNull).toList()) {
            java.util.Map<String, Object> resources = (java.util.Map<String, Object>)
                    ((java.util.Map<String, Object>) Template.fromStack(stack).toJSON()).get("Resources");
            for (Object resource : resources.values()) {
                Object metadata = ((java.util.Map<String, Object>) resource).get("Metadata");
                if (metadata instanceof java.util.Map<?, ?> meta && meta.get("cdk_nag") instanceof java.util.Map<?, ?> nag) {
                    accepted.addAll((List<java.util.Map<String, Object>>) nag.get("rules_to_suppress"));
                }
            }
        }

        assertThat(accepted).isNotEmpty().allSatisfy(suppression -> {
            assertThat(String.valueOf(suppression.get("id"))).startsWith("AwsSolutions-");
            assertThat(String.valueOf(suppression.get("reason"))).as(suppression.toString()).hasSizeGreaterThan(40);
        });
    }

    /** What makes {@code mvn exec:java} exit 1: an unaccepted finding is an error of the assembly. */
    @org.junit.jupiter.api.Test
    void an_unaccepted_finding_is_an_error_the_app_reports() {
        App app = new App(AppProps.builder().outdir("target/cdk.out/nag-planted-" + System.nanoTime()).build());
        Stack stack = new Stack(app, "Planted");
        new software.amazon.awscdk.services.sqs.Queue(stack, "QueueWithoutDeadLetters");
        Aspects.of(app).add(new AwsSolutionsChecks());

        List<String> errors = ChatInfraApp.errorsOf(app.synth());

        assertThat(errors).anySatisfy(error -> assertThat(error).contains("AwsSolutions-SQS3"));
    }
}
