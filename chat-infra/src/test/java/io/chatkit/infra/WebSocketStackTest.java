package io.chatkit.infra;

import io.chatkit.adapter.dynamodb.ChatTableAccess;

import io.chatkit.protocol.ChatProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class WebSocketStackTest {
    private static Template template;
    private static Map<String, Map<String, Object>> routes;
    private static Map<String, Map<String, Object>> integrations;
    private static Map<String, Map<String, Object>> functions;
    private static Map<String, Map<String, Object>> aliases;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")).webSocket());
        routes = template.findResources("AWS::ApiGatewayV2::Route");
        integrations = template.findResources("AWS::ApiGatewayV2::Integration");
        functions = template.findResources("AWS::Lambda::Function");
        aliases = template.findResources("AWS::Lambda::Alias");
    }

    /** The function a reference names: directly, or through its SnapStart alias (the default). */
    private static String functionBehind(String reference) {
        return functions.keySet().stream().filter(reference::contains).findFirst().orElseGet(() -> {
            String alias = aliases.keySet().stream().filter(reference::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("no function or alias in " + reference));
            String function = String.valueOf(props(aliases.get(alias)).get("FunctionName"));
            return functions.keySet().stream().filter(function::contains).findFirst().orElseThrow();
        });
    }

    @Test
    void a_websocket_api_routes_on_the_bodys_action() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of(
                "ProtocolType", "WEBSOCKET",
                "RouteSelectionExpression", "$request.body.action",
                "Name", "chatkit-dev"));
    }

    @Test
    void there_is_one_route_per_action_of_the_protocol() {
        Set<String> expected = new TreeSet<>(ChatProtocol.ACTIONS);
        expected.addAll(List.of("$connect", "$disconnect", "$default"));

        assertThat(routes.values().stream().map(r -> (String) props(r).get("RouteKey")).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void each_route_reaches_a_java_25_function_through_an_aws_proxy_integration() {
        for (Map<String, Object> route : routes.values()) {
            String target = String.valueOf(props(route).get("Target"));
            String integrationId = integrations.keySet().stream().filter(target::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("route " + props(route).get("RouteKey") + " targets " + target));
            Map<String, Object> integration = props(integrations.get(integrationId));
            assertThat(integration.get("IntegrationType")).isEqualTo("AWS_PROXY");
            assertThat(functions).containsKey(functionBehind(String.valueOf(integration.get("IntegrationUri"))));
        }
        assertThat(functions).allSatisfy((id, function) -> {
            assertThat(props(function).get("Runtime")).isEqualTo("java25");
            assertThat(props(function).get("Handler")).isEqualTo(id.startsWith("AuthorizerFunction")
                    ? "io.chatkit.lambda.ConnectAuthorizer::handleRequest" : "io.chatkit.lambda.ChatHandler::handleRequest");
            assertThat(props(function).get("MemorySize")).isEqualTo(1024);
            assertThat(props(function).get("Timeout")).isEqualTo(15);
        });
    }

    @Test
    void connect_is_authorized_by_a_request_authorizer_on_the_token_query_parameter_before_its_function_runs() {
        Map<String, Map<String, Object>> authorizers = template.findResources("AWS::ApiGatewayV2::Authorizer");
        assertThat(authorizers).hasSize(1);
        String authorizerId = authorizers.keySet().iterator().next();
        Map<String, Object> authorizer = props(authorizers.get(authorizerId));
        assertThat(authorizer.get("AuthorizerType")).isEqualTo("REQUEST");
        assertThat(authorizer.get("IdentitySource")).isEqualTo(List.of("route.request.querystring.token"));
        assertThat(functionBehind(String.valueOf(authorizer.get("AuthorizerUri")))).startsWith("AuthorizerFunction");
        for (Map<String, Object> route : routes.values()) {
            Map<String, Object> p = props(route);
            if (p.get("RouteKey").equals("$connect")) {
                assertThat(p.get("AuthorizationType")).isEqualTo("CUSTOM");
                assertThat(p.get("AuthorizerId")).isEqualTo(Map.of("Ref", authorizerId));
            } else {
                assertThat(p).as("API Gateway takes authorizers on $connect only").doesNotContainKey("AuthorizerId");
            }
        }
    }

    @Test
    void connect_has_its_own_function_and_message_routes_share_one() {
        Map<String, String> functionOfRoute = new java.util.HashMap<>();
        for (Map<String, Object> route : routes.values()) {
            String target = String.valueOf(props(route).get("Target"));
            String integrationId = integrations.keySet().stream().filter(target::contains).findFirst().orElseThrow();
            String uri = String.valueOf(props(integrations.get(integrationId)).get("IntegrationUri"));
            functionOfRoute.put((String) props(route).get("RouteKey"), functionBehind(uri));
        }
        assertThat(functionOfRoute.get("$connect")).startsWith("ConnectFunction");
        assertThat(functionOfRoute.get("$disconnect")).startsWith("DisconnectFunction");
        assertThat(functionOfRoute.get("sendMessage")).startsWith("MessageFunction")
                .isEqualTo(functionOfRoute.get("$default")).isEqualTo(functionOfRoute.get("listRooms"));
    }

    @Test
    void api_gateway_may_invoke_every_function() {
        Map<String, Map<String, Object>> permissions = template.findResources("AWS::Lambda::Permission");
        List<String> allowed = new ArrayList<>();
        for (Map<String, Object> permission : permissions.values()) {
            Map<String, Object> p = props(permission);
            assertThat(p.get("Action")).isEqualTo("lambda:InvokeFunction");
            assertThat(p.get("Principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(String.valueOf(p.get("SourceArn"))).contains("execute-api").contains("WebSocketApi");
            if (String.valueOf(p.get("FunctionName")).contains("AuthorizerFunction")) {
                assertThat(String.valueOf(p.get("SourceArn"))).contains("/authorizers/*");
            }
            allowed.add(functionBehind(String.valueOf(p.get("FunctionName"))));
        }
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(functions.keySet());
    }

    @Test
    void functions_may_post_to_and_close_only_this_apis_connections() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "execute-api:ManageConnections",
                        "Effect", "Allow",
                        "Resource", List.of(
                                Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                        Map.of("Ref", Match.stringLikeRegexp("WebSocketApi.*")),
                                        "/dev/POST/@connections/*")))),
                                Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                        Map.of("Ref", Match.stringLikeRegexp("WebSocketApi.*")),
                                        "/dev/DELETE/@connections/*"))))))))))));
        assertThat(json(template)).contains("execute-api:ManageConnections").doesNotContain("\"Resource\":\"*\"");
    }

    @Test
    void each_function_has_a_role_of_its_own_with_only_its_table_operations_on_its_key_prefixes() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        Map<String, ChatTableAccess> expected = Map.of("ConnectFunction", ChatTableAccess.CONNECT,
                "DisconnectFunction", ChatTableAccess.DISCONNECT, "MessageFunction", ChatTableAccess.MESSAGES);
        java.util.Set<String> roles = new java.util.HashSet<>();
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            String role = roleOf(function.getValue());
            roles.add(role);
            List<Map<String, Object>> statements = statementsOf(policies, role);
            Optional<ChatTableAccess> access = expected.entrySet().stream()
                    .filter(e -> function.getKey().startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
            List<Map<String, Object>> onTheTable = statements.stream()
                    .filter(statement -> String.valueOf(statement.get("Action")).contains("dynamodb:")).toList();
            if (access.isEmpty()) {
                assertThat(onTheTable).as("%s: the authorizer touches no table", function.getKey()).isEmpty();
                continue;
            }
            assertThat(onTheTable).as(function.getKey()).singleElement().satisfies(statement -> {
                assertThat(actions(statement)).containsExactlyInAnyOrderElementsOf(access.get().iamActions());
                assertThat(String.valueOf(statement.get("Resource"))).contains("ChatTable").doesNotContain("index");
                assertThat(statement.get("Condition")).isEqualTo(Map.of("ForAllValues:StringLike",
                        Map.of("dynamodb:LeadingKeys", access.get().leadingKeyPatterns())));
            });
            List<String> managed = statements.stream().filter(statement -> actions(statement)
                    .contains("execute-api:ManageConnections")).map(statement -> String.valueOf(statement.get("Resource")))
                    .toList();
            assertThat(managed).as("%s manages connections in one statement", function.getKey()).hasSize(1);
            assertThat(managed.get(0)).as("%s may post", function.getKey()).contains("/dev/POST/@connections/*");
            assertThat(managed.get(0).contains("/dev/DELETE/@connections/*"))
                    .as("%s may close connections: the message function alone", function.getKey())
                    .isEqualTo(access.get() == ChatTableAccess.MESSAGES);
        }
        assertThat(roles).as("one role per function").hasSize(functions.size());
        assertThat(ChatTableAccess.CONNECT.leadingKeyPatterns()).containsExactly("CONNECTION#*", "USER#*", "CHATROOM#*");
    }

    private static String roleOf(Map<String, Object> function) {
        Object role = props(function).get("Role");
        return String.valueOf(((List<?>) ((Map<?, ?>) role).get("Fn::GetAtt")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(Map<String, Map<String, Object>> policies, String role) {
        return policies.values().stream().filter(policy -> String.valueOf(props(policy).get("Roles")).contains(role))
                .flatMap(policy -> ((List<Map<String, Object>>) ((Map<String, Object>) props(policy)
                        .get("PolicyDocument")).get("Statement")).stream()).toList();
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(action));
    }

    @Test
    void only_the_message_function_knows_the_attachments_bucket_and_reaches_its_objects_and_nothing_wider() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) props(function.getValue())
                    .get("Environment")).get("Variables");
            List<Map<String, Object>> onS3 = statementsOf(policies, roleOf(function.getValue())).stream()
                    .filter(statement -> String.valueOf(statement.get("Action")).contains("s3:")).toList();
            if (!function.getKey().startsWith("MessageFunction")) {
                assertThat(variables).as(function.getKey()).doesNotContainKey("ATTACHMENTS_BUCKET");
                assertThat(onS3).as(function.getKey()).isEmpty();
                continue;
            }
            assertThat(String.valueOf(variables.get("ATTACHMENTS_BUCKET"))).contains("AttachmentsBucket");
            assertThat(onS3).hasSize(2).allSatisfy(statement ->
                    assertThat(String.valueOf(statement.get("Resource"))).contains("AttachmentsBucket"));
            assertThat(onS3.stream().flatMap(statement -> actions(statement).stream()))
                    .containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject", "s3:ListBucket");
        }
    }

    @Test
    void the_chat_functions_know_the_table_only_connect_and_the_authorizer_know_the_user_pool() {
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) props(function.getValue())
                    .get("Environment")).get("Variables");
            if (function.getKey().startsWith("AuthorizerFunction")) {
                assertThat(variables).as("the authorizer reads no table").containsOnlyKeys("USER_POOL_ID", "CLIENT_ID");
                continue;
            }
            assertThat(variables).containsKey("TABLE_NAME");
            if (function.getKey().startsWith("ConnectFunction")) {
                assertThat(variables).containsKeys("USER_POOL_ID", "CLIENT_ID");
            } else {
                assertThat(variables).doesNotContainKeys("USER_POOL_ID", "CLIENT_ID");
            }
        }
    }

    @Test
    void the_deployment_waits_for_every_route() {
        Map<String, Map<String, Object>> deployments = template.findResources("AWS::ApiGatewayV2::Deployment");
        assertThat(deployments).hasSize(1);
        @SuppressWarnings("unchecked")
        List<String> dependsOn = (List<String>) deployments.values().iterator().next().get("DependsOn");
        assertThat(dependsOn).containsAll(routes.keySet());
    }

    @Test
    void message_routes_answer_the_caller_through_a_route_response() {
        Map<String, Map<String, Object>> responses = template.findResources("AWS::ApiGatewayV2::RouteResponse");
        List<String> answeredRouteKeys = new ArrayList<>();
        for (Map<String, Object> response : responses.values()) {
            assertThat(props(response).get("RouteResponseKey")).isEqualTo("$default");
            String routeId = String.valueOf(props(response).get("RouteId"));
            String route = routes.keySet().stream().filter(routeId::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("a route response for no route: " + routeId));
            answeredRouteKeys.add((String) props(routes.get(route)).get("RouteKey"));
        }
        List<String> messageRouteKeys = routes.values().stream().map(r -> (String) props(r).get("RouteKey"))
                .filter(key -> !key.equals("$connect") && !key.equals("$disconnect")).toList();
        assertThat(answeredRouteKeys).as("exactly one response per message route, none for $connect/$disconnect")
                .containsExactlyInAnyOrderElementsOf(messageRouteKeys);
    }

    @Test
    void the_stage_is_named_after_the_environment_and_throttled_and_connect_lower_than_the_messages() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "dev",
                "DefaultRouteSettings", Map.of("ThrottlingBurstLimit", 500, "ThrottlingRateLimit", 1000),
                "RouteSettings", Map.of("$connect", Map.of("ThrottlingBurstLimit", 100, "ThrottlingRateLimit", 50)),
                "DeploymentId", Map.of("Ref", Match.stringLikeRegexp("Deployment.*"))));
    }

    @Test
    void no_function_reserves_concurrency_unless_the_deployment_says_how_much() {
        assertThat(functions.values()).allSatisfy(function -> assertThat(props(function))
                .doesNotContainKey("ReservedConcurrentExecutions"));

        Map<String, Map<String, Object>> reserving = Template.fromStack(Synth.app(ChatInfraConfig.defaults("dev")
                .withReservedConcurrency(new ChatInfraConfig.ReservedConcurrency(java.util.Optional.of(20),
                        java.util.Optional.of(10), java.util.Optional.of(200)))).webSocket())
                .findResources("AWS::Lambda::Function");
        Map<String, Object> reserved = new java.util.TreeMap<>();
        reserving.forEach((id, function) -> reserved.put(id.replaceAll("[0-9A-F]{8}$", ""),
                props(function).getOrDefault("ReservedConcurrentExecutions", "none")));
        assertThat(reserved).containsEntry("ConnectFunction", 20).containsEntry("DisconnectFunction", 10)
                .containsEntry("MessageFunction", 200).containsEntry("AuthorizerFunction", "none");
    }

    @Test
    void the_websocket_and_callback_urls_are_outputs() {
        template.hasOutput("WebSocketUrl", Map.of("Value", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                "wss://", Map.of("Ref", Match.stringLikeRegexp("WebSocketApi.*"))))))));
        template.hasOutput("CallbackUrl", Map.of("Value", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                "https://", Map.of("Ref", Match.stringLikeRegexp("WebSocketApi.*"))))))));
    }

    static String json(Template template) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(template.toJSON());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
