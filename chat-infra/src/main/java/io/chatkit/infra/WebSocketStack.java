package io.chatkit.infra;

import io.chatkit.adapter.dynamodb.ChatTableAccess;
import io.chatkit.protocol.ChatProtocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.CfnApi;
import software.amazon.awscdk.services.apigatewayv2.CfnAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.CfnDeployment;
import software.amazon.awscdk.services.apigatewayv2.CfnIntegration;
import software.amazon.awscdk.services.apigatewayv2.CfnRoute;
import software.amazon.awscdk.services.apigatewayv2.CfnRouteResponse;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The WebSocket API ({@code $request.body.action} selects the route), one route per action, each an
 * {@code AWS_PROXY} integration to a Java function with API Gateway allowed to invoke it (the seed
 * forgets that permission, and every route then fails with 500), a route response on every message route
 * so replies reach the caller, the deployment after every route, and a throttled stage named after the
 * environment.
 */
public final class WebSocketStack extends Stack {
    public static final String HANDLER = "io.chatkit.lambda.ChatHandler::handleRequest";
    /** The {@code $connect} route's REQUEST authorizer, from the same jar. */
    public static final String AUTHORIZER_HANDLER = "io.chatkit.lambda.ConnectAuthorizer::handleRequest";
    /** Amazon Linux 2023, supported to 2029 (java17 functions can no longer be created since 2026-07-31). */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    public static final int THROTTLING_BURST = 500;
    public static final int THROTTLING_RATE = 1000;
    /**
     * {@code $connect} is throttled lower than the messages: a connect costs a verification, three table writes
     * and a {@code $disconnect} later, and a reconnect loop should meet the stage before it meets the table.
     */
    public static final int CONNECT_THROTTLING_BURST = 100;
    public static final int CONNECT_THROTTLING_RATE = 50;

    private final CfnApi api;
    private final String stageName;
    private final String metricsNamespace;
    private final ChatFunctions functions;
    private final String websocketUrl;
    private final String callbackUrl;

    public WebSocketStack(Construct scope, String id, StackProps props, ChatInfraConfig config, ITable table,
                          IBucket attachments, AuthStack.UserPoolRef userPool) {
        super(scope, id, props);
        stageName = config.envName();
        metricsNamespace = "Chatkit/" + config.envName();
        functions = new ChatFunctions(this, config);
        api = CfnApi.Builder.create(this, "WebSocketApi")
                .name("chatkit-" + config.envName())
                .protocolType("WEBSOCKET")
                .routeSelectionExpression("$request.body.action")
                .build();

        Role connectRole = FunctionRoles.withTableAccess(this, "Connect", table, ChatTableAccess.CONNECT);
        Role disconnectRole = FunctionRoles.withTableAccess(this, "Disconnect", table, ChatTableAccess.DISCONNECT);
        Role messageRole = FunctionRoles.withTableAccess(this, "Message", table, ChatTableAccess.MESSAGES);
        for (Role pushing : List.of(connectRole, disconnectRole, messageRole)) {
            NagFindings.acceptMatching(pushing, "AwsSolutions-IAM5", "posts to (and, by the message function, "
                    + "closes of) connections whose ids exist only at run time: this API's stage, nothing wider",
                    "^Resource::arn:" + NagFindings.PARTITION + ":execute-api:" + NagFindings.REGION + ":"
                            + NagFindings.ACCOUNT + ":<WebSocketApi>/" + stageName + "/(POST|DELETE)/@connections/\\*$");
        }
        // The message function pushes (POST) and closes connections that outlived their token or kept sending
        // refused frames (DELETE); $connect and $disconnect only push, to tell a user's direct peers of presence.
        messageRole.addToPolicy(manageConnections(stageName, "POST", "DELETE"));
        FunctionRoles.withAttachments(messageRole, attachments);
        connectRole.addToPolicy(manageConnections(stageName, "POST"));
        disconnectRole.addToPolicy(manageConnections(stageName, "POST"));

        Map<String, String> common = Map.of("TABLE_NAME", table.getTableName(),
                "METRICS_NAMESPACE", metricsNamespace);
        Map<String, String> withAuth = new LinkedHashMap<>(common);
        withAuth.put("USER_POOL_ID", userPool.userPoolId());
        withAuth.put("CLIENT_ID", userPool.clientId());
        IFunction connect = functions.create("ConnectFunction", HANDLER, connectRole, withAuth,
                config.reserved().connect());
        IFunction disconnect = functions.create("DisconnectFunction", HANDLER, disconnectRole, common,
                config.reserved().disconnect());
        Map<String, String> withAttachments = new LinkedHashMap<>(common);
        withAttachments.put("ATTACHMENTS_BUCKET", attachments.getBucketName());
        IFunction messages = functions.create("MessageFunction", HANDLER, messageRole, withAttachments,
                config.reserved().messages());
        CfnAuthorizer authorizer = connectAuthorizer(Map.of(
                "USER_POOL_ID", userPool.userPoolId(), "CLIENT_ID", userPool.clientId()));

        CfnIntegration connectIntegration = integration("Connect", connect);
        CfnIntegration disconnectIntegration = integration("Disconnect", disconnect);
        CfnIntegration messageIntegration = integration("Message", messages);

        List<Construct> routes = new ArrayList<>();
        routes.add(route("$connect", connectIntegration, false, Optional.of(authorizer)));
        routes.add(route("$disconnect", disconnectIntegration, false, Optional.empty()));
        routes.add(route("$default", messageIntegration, true, Optional.empty()));
        for (String action : ChatProtocol.ACTIONS.stream().sorted().toList()) {
            routes.add(route(action, messageIntegration, true, Optional.empty()));
        }

        CfnDeployment deployment = CfnDeployment.Builder.create(this, "Deployment").apiId(api.getRef()).build();
        routes.forEach(route -> deployment.addResourceDependency((CfnResource) route));
        CfnStage stage = CfnStage.Builder.create(this, "Stage")
                .apiId(api.getRef())
                .stageName(stageName)
                .deploymentId(deployment.getRef())
                .defaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                        .throttlingBurstLimit(THROTTLING_BURST)
                        .throttlingRateLimit(THROTTLING_RATE)
                        .build())
                .routeSettings(Map.of("$connect", Map.of(
                        "ThrottlingBurstLimit", CONNECT_THROTTLING_BURST,
                        "ThrottlingRateLimit", CONNECT_THROTTLING_RATE)))
                .build();
        StageAccessLogs.attach(this, stage, config);

        String host = api.getRef() + ".execute-api." + Stack.of(this).getRegion() + "." + Stack.of(this).getUrlSuffix();
        websocketUrl = Fn.join("", List.of("wss://", host, "/", stageName));
        callbackUrl = Fn.join("", List.of("https://", host, "/", stageName));
        CfnOutput.Builder.create(this, "WebSocketUrl").value(websocketUrl)
                .description("connect here with ?token={Cognito id or access token}").build();
        CfnOutput.Builder.create(this, "CallbackUrl").value(callbackUrl)
                .description("the @connections endpoint of the stage").build();
    }

    public String websocketUrl() {
        return websocketUrl;
    }

    /**
     * The functions by construct id ({@code ConnectFunction}, {@code DisconnectFunction}, {@code MessageFunction},
     * {@code AuthorizerFunction}).
     */
    public Map<String, Function> functions() {
        return functions.byId();
    }

    public String apiId() {
        return api.getRef();
    }

    public String stageName() {
        return stageName;
    }

    /** Where the functions' EMF metrics go: {@code Chatkit/{env}}. */
    public String metricsNamespace() {
        return metricsNamespace;
    }

    /**
     * The {@code $connect} route's REQUEST authorizer: a function of its own, with a role that may write its logs
     * and nothing else (it reads no table and posts to no connection), verifying the {@code ?token=} query
     * parameter. A refused token is answered 401 by API Gateway before the {@code $connect} integration runs;
     * an accepted one's context (user, expiry) reaches every later event of the connection.
     */
    private CfnAuthorizer connectAuthorizer(Map<String, String> environment) {
        Role role = FunctionRoles.logsOnly(this, "AuthorizerRole", "the authorizer");
        IFunction function = functions.create("AuthorizerFunction", AUTHORIZER_HANDLER, role, environment,
                Optional.empty());
        function.addPermission("AuthorizerInvokedByApiGateway", Permission.builder()
                .principal(new ServicePrincipal("apigateway.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceArn(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("execute-api").resource(api.getRef()).resourceName("authorizers/*").build()))
                .build());
        return CfnAuthorizer.Builder.create(this, "ConnectAuthorizer")
                .apiId(api.getRef())
                .name("connect-token")
                .authorizerType("REQUEST")
                .identitySource(List.of("route.request.querystring.token"))
                .authorizerUri(lambdaInvocationUri(function))
                .build();
    }

    /** May call the Management API with these methods on this stage's connections, and nothing else. */
    private PolicyStatement manageConnections(String stageName, String... methods) {
        return PolicyStatement.Builder.create()
                .actions(List.of("execute-api:ManageConnections"))
                .resources(Arrays.stream(methods).map(method -> Stack.of(this).formatArn(
                        ArnComponents.builder().service("execute-api").resource(api.getRef())
                                .resourceName(stageName + "/" + method + "/@connections/*").build())).toList())
                .build();
    }

    private CfnIntegration integration(String id, IFunction target) {
        target.addPermission(id + "InvokedByApiGateway", Permission.builder()
                .principal(new ServicePrincipal("apigateway.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceArn(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("execute-api").resource(api.getRef()).resourceName("*").build()))
                .build());
        return CfnIntegration.Builder.create(this, id + "Integration")
                .apiId(api.getRef())
                .integrationType("AWS_PROXY")
                .integrationUri(lambdaInvocationUri(target))
                .build();
    }

    private String lambdaInvocationUri(IFunction target) {
        return Fn.join("", List.of("arn:", Stack.of(this).getPartition(), ":apigateway:",
                Stack.of(this).getRegion(), ":lambda:path/2015-03-31/functions/", target.getFunctionArn(),
                "/invocations"));
    }

    private CfnRoute route(String routeKey, CfnIntegration integration, boolean twoWay,
                           Optional<CfnAuthorizer> authorizer) {
        String id = routeKey.replace("$", "") + "Route";
        CfnRoute.Builder route = CfnRoute.Builder.create(this, Character.toUpperCase(id.charAt(0)) + id.substring(1))
                .apiId(api.getRef())
                .routeKey(routeKey)
                .operationName(routeKey.replace("$", ""))
                .target("integrations/" + integration.getRef());
        if (twoWay) {
            route.routeResponseSelectionExpression("$default");
        }
        authorizer.ifPresent(connect -> route.authorizationType("CUSTOM").authorizerId(connect.getRef()));
        CfnRoute built = route.build();
        if (authorizer.isEmpty()) {
            NagFindings.accept(built, "AwsSolutions-APIG4", "API Gateway authorizes a WebSocket connection once, at "
                    + "$connect (the only route that takes an authorizer), whose REQUEST authorizer verifies the "
                    + "Cognito JWT (JWKS signature, iss, token_use, client, exp); every other route runs on a "
                    + "connection that passed it, and carries its context");
        }
        if (twoWay) {
            CfnRouteResponse.Builder.create(this, built.getNode().getId() + "Response")
                    .apiId(api.getRef())
                    .routeId(built.getRef())
                    .routeResponseKey("$default")
                    .build();
        }
        return built;
    }
}
