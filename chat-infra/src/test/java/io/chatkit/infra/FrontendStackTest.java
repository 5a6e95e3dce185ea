package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FrontendStackTest {
    private static ChatInfraApp.ChatStacks stacks;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stacks = Synth.app(ChatInfraConfig.defaults("dev").withFrontend());
        template = Template.fromStack(stacks.frontend());
    }

    @Test
    void the_web_client_is_served_from_a_private_bucket_through_cloudfront() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true)));
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("DefaultRootObject", "index.html"))));
        template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        template.hasOutput("SiteUrl", Match.anyValue());
    }

    @Test
    void the_client_receives_the_websocket_url_in_its_config() {
        // config.json is an asset whose placeholders CloudFormation fills at deploy time: the wss:// URL of the
        // WebSocket stack's API and the pool ids of the Auth stack.
        template.resourceCountIs("Custom::CDKBucketDeployment", 1);
        String json = WebSocketStackTest.json(template);
        assertThat(json).contains("SourceMarkers").contains("\\\"wss://")
                .contains("Chatkit-dev-WebSocket:ExportsOutputRefWebSocketApi")
                .contains("Chatkit-dev-Auth:ExportsOutputRefUserPool");
    }

    @Test
    void stacks_deploy_in_the_seeds_order() {
        assertThat(stacks.webSocket().getDependencies()).contains(stacks.auth(), stacks.database());
        assertThat(stacks.frontend().getDependencies()).contains(stacks.webSocket());
        assertThat(stacks.auth().getDependencies()).isEmpty();
        assertThat(stacks.database().getDependencies()).isEmpty();
    }
}
