package io.chatkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.auth.TestIdentityProvider;
import io.chatkit.testkit.lambda.LambdaJvm;
import io.chatkit.testkit.lambda.RuntimeApiServer;
import io.chatkit.testkit.lambda.RuntimeClientProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The function jar's {@code $connect} authorizer under AWS's own runtime interface client on Java 25, as the CDK
 * deploys it ({@code io.chatkit.lambda.ConnectAuthorizer::handleRequest}, with only the pool's settings in its
 * environment): an accepted token answers an allowing policy with the user as context, a refused one the error
 * whose message API Gateway turns into 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectAuthorizerRuntimeClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_ANSWER = Duration.ofSeconds(90);

    private TestIdentityProvider identity;
    private RuntimeApiServer runtimeApi;
    private RuntimeClientProcess function;

    @BeforeAll
    void startTheAuthorizer() throws Exception {
        LambdaJvm.javaOrSkip();
        identity = new TestIdentityProvider();
        runtimeApi = RuntimeApiServer.start();
        function = RuntimeClientProcess.start(
                Path.of("target", "chat-lambda-0.1.0-SNAPSHOT-aws.jar"), Path.of("target", "lambda-runtime"),
                runtimeApi.address(), Map.of(
                        "AWS_REGION", "us-east-1",
                        "JWT_ISSUER", identity.issuer(),
                        "CLIENT_ID", TestIdentityProvider.CLIENT_ID),
                "io.chatkit.lambda.ConnectAuthorizer::handleRequest");
    }

    @AfterAll
    void stop() throws Exception {
        if (function != null) {
            function.close();
        }
        runtimeApi.close();
        identity.close();
    }

    @Test
    void a_valid_token_is_allowed_with_the_user_as_context_and_a_bad_one_is_unauthorized() throws Exception {
        RuntimeApiServer.Answer allowed = runtimeApi.invoke(
                JSON.writeValueAsString(ConnectAuthorizerTest.event(identity.idToken("alice"))), FIRST_ANSWER);
        RuntimeApiServer.Answer refused = runtimeApi.invoke(
                JSON.writeValueAsString(ConnectAuthorizerTest.event("not-a-token")), FIRST_ANSWER);

        assertThat(allowed.kind()).as(allowed.body() + "\n" + function.output()).isEqualTo("response");
        JsonNode policy = JSON.readTree(allowed.body());
        assertThat(policy.path("principalId").asText()).isEqualTo("alice");
        assertThat(policy.at("/policyDocument/Statement/0/Effect").asText()).isEqualTo("Allow");
        assertThat(policy.at("/policyDocument/Statement/0/Resource").asText())
                .isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:abc123defg/prod/$connect");
        assertThat(policy.at("/context/userId").asText()).isEqualTo("alice");
        assertThat(policy.at("/context/expiresAt").asLong()).isPositive();
        assertThat(refused.kind()).isEqualTo("error");
        assertThat(JSON.readTree(refused.body()).path("errorMessage").asText()).isEqualTo("Unauthorized");
    }
}
