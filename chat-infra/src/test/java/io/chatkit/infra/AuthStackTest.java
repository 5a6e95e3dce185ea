package io.chatkit.infra;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AuthStackTest {

    @Test
    void a_user_pool_and_a_public_app_client_are_created() {
        Template template = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")).auth());

        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        template.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "GenerateSecret", false,
                "PreventUserExistenceErrors", "ENABLED",
                "ExplicitAuthFlows", Match.arrayWith(java.util.List.of("ALLOW_USER_PASSWORD_AUTH"))));
        template.hasOutput("UserPoolId", Match.anyValue());
        template.hasOutput("UserPoolClientId", Match.anyValue());
    }

    @Test
    void nobody_signs_themselves_up_unless_the_deployment_says_so() {
        Template closed = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")).auth());
        Template open = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev").withSelfSignUp(true)).auth());

        closed.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true)));
        open.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false)));
    }

    @Test
    void passwords_need_12_characters_of_all_four_classes_and_mfa_by_authenticator_app_is_offered() {
        Template template = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")).auth());

        template.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of(
                        "MinimumLength", 12, "RequireLowercase", true, "RequireUppercase", true,
                        "RequireNumbers", true, "RequireSymbols", true))),
                "MfaConfiguration", "OPTIONAL",
                "EnabledMfas", java.util.List.of("SOFTWARE_TOKEN_MFA")));
    }

    @Test
    void an_existing_pool_creates_nothing_and_reaches_connect_as_is() {
        ChatInfraApp.ChatStacks stacks = Synth.app(
                ChatInfraConfig.defaults("dev").withExistingUserPool("eu-west-1_AbCdEf", "existing-client"));
        Template webSocket = Template.fromStack(stacks.webSocket());

        webSocket.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("USER_POOL_ID", "eu-west-1_AbCdEf", "CLIENT_ID", "existing-client")))));
        webSocket.resourceCountIs("AWS::Cognito::UserPool", 0);
        org.assertj.core.api.Assertions.assertThat(stacks.auth()).as("no Auth stack to deploy").isNull();
    }
}
