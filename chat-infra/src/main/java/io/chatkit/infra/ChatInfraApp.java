package io.chatkit.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * {@code cdk deploy --all} from this module (see cdk.json): Auth and Database first, then WebSocket, then
 * Monitoring and (with {@code -c frontend=true}) Frontend. Context: {@code env} (default dev), {@code userPoolId} +
 * {@code clientId} (use an existing pool), {@code frontend}, {@code memoryMb}, {@code timeoutSeconds},
 * {@code snapStart}, {@code lambdaJar}.
 */
public final class ChatInfraApp {
    private ChatInfraApp() {
    }

    /** The stacks of one environment; {@code auth} is null with an existing pool, {@code frontend} without the flag. */
    public record ChatStacks(AuthStack auth, DatabaseStack database, WebSocketStack webSocket, MonitoringStack monitoring,
                             FrontendStack frontend) {
    }

    public static ChatStacks build(App app, ChatInfraConfig config) {
        StackProps props = StackProps.builder().env(Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build()).build();
        String prefix = "Chatkit-" + config.envName() + "-";
        AuthStack auth = config.userPoolId().isPresent() ? null : new AuthStack(app, prefix + "Auth", props, config);
        AuthStack.UserPoolRef userPool = auth != null ? auth.userPool()
                : new AuthStack.UserPoolRef(config.userPoolId().get(), config.clientId().orElseThrow());
        DatabaseStack database = new DatabaseStack(app, prefix + "Database", props, config);
        WebSocketStack webSocket = new WebSocketStack(app, prefix + "WebSocket", props, config, database.table(),
                database.attachments(), userPool);
        if (auth != null) {
            webSocket.addStackDependency(auth);
        }
        webSocket.addStackDependency(database);
        MonitoringStack monitoring = new MonitoringStack(app, prefix + "Monitoring", props, config, webSocket);
        monitoring.addStackDependency(webSocket);
        FrontendStack frontend = null;
        if (config.frontend()) {
            frontend = new FrontendStack(app, prefix + "Frontend", props, config, webSocket.websocketUrl(), userPool);
            frontend.addStackDependency(webSocket);
        }
        return new ChatStacks(auth, database, webSocket, monitoring, frontend);
    }

    /**
     * Synthesizes into {@code CDK_OUTDIR} (set by the CDK CLI) or this module's {@code cdk.out}, with the AWS
     * Solutions checks of cdk-nag applied: an unsuppressed finding is an error, and the CLI then refuses to go on.
     */
    public static void main(String[] args) {
        String outdir = System.getenv().getOrDefault("CDK_OUTDIR",
                ChatInfraConfig.MODULE_DIR.resolve("cdk.out").toString());
        App app = new App(AppProps.builder().outdir(outdir).build());
        build(app, ChatInfraConfig.fromContext(app.getNode()));
        Aspects.of(app).add(new AwsSolutionsChecks());
        List<String> errors = errorsOf(app.synth());
        if (!errors.isEmpty()) {
            // the CDK CLI refuses an assembly with errors on its own; mvn exec:java must say so too
            System.err.println("synthesis finished with " + errors.size() + " error(s):");
            errors.forEach(error -> System.err.println("  " + error));
            System.exit(1);
        }
    }

    /** The error annotations (cdk-nag's unaccepted findings among them) of every stack of the assembly. */
    static List<String> errorsOf(CloudAssembly assembly) {
        return assembly.getStacks().stream()
                .flatMap(stack -> stack.getMessages().stream())
                .filter(message -> message.getLevel() == SynthesisMessageLevel.ERROR)
                .map(message -> message.getId() + ": " + message.getEntry().getData())
                .toList();
    }
}
