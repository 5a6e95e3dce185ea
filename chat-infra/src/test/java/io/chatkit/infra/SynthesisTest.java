package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** What {@code cdk synth} does: one CloudFormation template per stack in the output folder. */
class SynthesisTest {

    @Test
    void synthesis_writes_a_template_for_every_stack() {
        Path out = Path.of("target", "cdk.out", "synth-" + System.nanoTime());
        App app = new App(AppProps.builder().outdir(out.toString()).build());
        ChatInfraApp.build(app, ChatInfraConfig.defaults("staging").withFrontend());

        CloudAssembly assembly = app.synth();

        for (String stack : new String[] {"Auth", "Database", "WebSocket", "Monitoring", "Frontend"}) {
            Path template = out.resolve("Chatkit-staging-" + stack + ".template.json");
            assertThat(template).exists();
            assertThat(template.toFile().length()).isPositive();
        }
        assertThat(assembly.getStacks()).hasSize(5);
        assertThat(Files.exists(out.resolve("manifest.json"))).isTrue();
    }

    @Test
    void snap_start_is_the_default_publishing_versions_and_routing_through_a_live_alias() {
        Template template = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")).webSocket());

        // $connect, $disconnect, messages and $connect's authorizer
        assertThat(template.findResources("AWS::Lambda::Function")).hasSize(4).allSatisfy((id, function) ->
                assertThat(function.toString()).contains("SnapStart={ApplyOn=PublishedVersions}"));
        template.resourceCountIs("AWS::Lambda::Version", 4);
        template.resourceCountIs("AWS::Lambda::Alias", 4);
        template.allResourcesProperties("AWS::Lambda::Permission", Map.of("FunctionName",
                Map.of("Ref", Match.stringLikeRegexp(".*Live.*"))));
        template.allResourcesProperties("AWS::ApiGatewayV2::Integration", Map.of("IntegrationUri",
                Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        Map.of("Ref", Match.stringLikeRegexp(".*Live.*"))))))));
        template.allResourcesProperties("AWS::ApiGatewayV2::Authorizer", Map.of("AuthorizerUri",
                Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        Map.of("Ref", Match.stringLikeRegexp("AuthorizerFunctionLive.*"))))))));
    }

    @Test
    void snap_start_can_be_turned_off() {
        Template template = Template.fromStack(
                Synth.app(ChatInfraConfig.defaults("dev").withSnapStart(false)).webSocket());

        template.resourceCountIs("AWS::Lambda::Alias", 0);
        template.resourceCountIs("AWS::Lambda::Version", 0);
        assertThat(template.findResources("AWS::Lambda::Function")).hasSize(4).allSatisfy((id, function) ->
                assertThat(function.toString()).doesNotContain("SnapStart"));
    }
}
