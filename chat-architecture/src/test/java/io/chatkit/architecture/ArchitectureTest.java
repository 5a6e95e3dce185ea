package io.chatkit.architecture;

import static io.chatkit.architecture.Hexagon.ANY_ADAPTER;
import static io.chatkit.architecture.Hexagon.AUTH;
import static io.chatkit.architecture.Hexagon.SERVER;
import static io.chatkit.architecture.Hexagon.WEB;
import static io.chatkit.architecture.Hexagon.AWS_SDK;
import static io.chatkit.architecture.Hexagon.CORE;
import static io.chatkit.architecture.Hexagon.DOMAIN;
import static io.chatkit.architecture.Hexagon.INFRA;
import static io.chatkit.architecture.Hexagon.JACKSON;
import static io.chatkit.architecture.Hexagon.LAMBDA;
import static io.chatkit.architecture.Hexagon.LAMBDA_TYPES;
import static io.chatkit.architecture.Hexagon.LOGGING;
import static io.chatkit.architecture.Hexagon.LOCAL;
import static io.chatkit.architecture.Hexagon.PORTS;
import static io.chatkit.architecture.Hexagon.PORTS_IN;
import static io.chatkit.architecture.Hexagon.PORTS_OUT;
import static io.chatkit.architecture.Hexagon.PROTOCOL;
import static io.chatkit.architecture.Hexagon.SERVICES;
import static io.chatkit.architecture.Hexagon.STANDALONE;
import static io.chatkit.architecture.Hexagon.TESTKIT;
import static io.chatkit.architecture.Hexagon.layers;
import static io.chatkit.architecture.Hexagon.mayNotKnow;
import static io.chatkit.architecture.Hexagon.noneOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the README's module diagram, over the main classes of every module (this module
 * depends on all of them). With {@code failOnEmptyShould}, a renamed package cannot empty a rule silently.
 */
@AnalyzeClasses(packages = "io.chatkit",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.MainClassesOnly.class})
class ArchitectureTest {

    /** Test-jars (contracts, loopback servers) are fixtures, not the product. */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    // The core: plain Java, and inward-pointing inside.

    @ArchTest
    static final ArchRule the_core_depends_on_nothing_but_the_jdk = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", CORE)
            .because("chat-core must run anywhere a JDK runs: no SDK, no JSON library, no framework");

    @ArchTest
    static final ArchRule the_domain_knows_no_port_and_no_service = mayNotKnow(DOMAIN, PORTS, SERVICES);

    @ArchTest
    static final ArchRule ports_know_no_service = mayNotKnow(PORTS, SERVICES)
            .because("ports are the contract; services implement them, not the other way round");

    @ArchTest
    static final ArchRule outgoing_ports_know_no_use_case = mayNotKnow(PORTS_OUT, PORTS_IN);

    @ArchTest
    static final ArchRule use_cases_answer_in_their_own_terms = mayNotKnow(PORTS_IN, PORTS_OUT)
            .because("what a use case returns reaches the protocol and the runtimes: no store's or pusher's type "
                    + "travels up with it (a send's deliveries reach telemetry through a pusher decorator)");

    @ArchTest
    static final ArchRule the_core_knows_no_adapter_and_no_runtime = mayNotKnow(CORE,
            ANY_ADAPTER, PROTOCOL, AUTH, WEB, STANDALONE, LOGGING, LAMBDA, LOCAL, SERVER, INFRA);

    @ArchTest
    static final ArchRule log_lines_know_nothing_of_the_chat = mayNotKnow(LOGGING,
            CORE, ANY_ADAPTER, PROTOCOL, AUTH, WEB, STANDALONE, LAMBDA, LOCAL, SERVER, INFRA, LAMBDA_TYPES, AWS_SDK)
            .because("every runtime writes the same records; the writer knows ids and fields, nothing of chats");

    @ArchTest
    static final ArchRule verifying_tokens_needs_only_the_domain = mayNotKnow(AUTH,
            PORTS, SERVICES, ANY_ADAPTER, PROTOCOL, WEB, STANDALONE, LAMBDA, LOCAL, SERVER, INFRA, LAMBDA_TYPES, AWS_SDK)
            .because("every runtime verifies the same tokens the same way; the verifier knows user ids, nothing else");

    @ArchTest
    static final ArchRule the_web_side_knows_no_runtime = mayNotKnow(WEB,
            ANY_ADAPTER, PROTOCOL, STANDALONE, LAMBDA, LOCAL, SERVER, INFRA, LAMBDA_TYPES, AWS_SDK)
            .because("chat-local and chat-server serve the same web client and dev identity endpoints");

    @ArchTest
    static final ArchRule what_the_standalone_runtimes_share_knows_neither_of_them = mayNotKnow(STANDALONE,
            PROTOCOL, LAMBDA, LOCAL, SERVER, INFRA, LAMBDA_TYPES, "io.chatkit.adapter.apigw..")
            .because("both runtimes stand on it: options, the stores' choice, the loopback server and socket writing "
                    + "know no wire protocol, no Lambda and neither runtime");

    @ArchTest
    static final ArchRule the_embedded_server_knows_no_lambda_and_no_api_gateway = mayNotKnow(SERVER,
            LAMBDA, LOCAL, INFRA, LAMBDA_TYPES, "io.chatkit.adapter.apigw..",
            "software.amazon.awssdk.services.apigatewaymanagementapi..")
            .because("chat-server runs the core through the protocol and pushes to its own sockets: it must build "
                    + "and run without Lambda or API Gateway");

    // The adapters: one technology each, blind to each other and to whoever composes them.

    @ArchTest
    static final ArchRule adapters_know_no_other_adapter_and_no_runtime = Hexagon.adaptersKnowNoOtherAdapterAndNoRuntime();

    /**
     * An outgoing adapter implements its port, one storage or push operation per method, and holds no business
     * rule: the rules live in the core's services, which only a runtime composes.
     */
    @ArchTest
    static final ArchRule outgoing_adapters_know_no_service_of_the_core = mayNotKnow(ANY_ADAPTER, SERVICES);

    /**
     * The incoming adapter drives the use cases through {@code port.in} ({@code Chat}); who wires them is not its
     * business.
     */
    @ArchTest
    static final ArchRule the_protocol_knows_no_service_of_the_core = mayNotKnow(PROTOCOL, SERVICES);

    @ArchTest
    static final ArchRule only_the_protocol_knows_the_json_shape = noneOf(layers(CORE, ANY_ADAPTER, LAMBDA, INFRA),
            JACKSON).because("frames are read and written in chat-protocol; the runtimes only carry them");

    @ArchTest
    static final ArchRule the_protocol_is_blind_to_transports_and_stores = mayNotKnow(PROTOCOL,
            ANY_ADAPTER, LAMBDA, LOCAL, INFRA, LAMBDA_TYPES, AWS_SDK)
            .because("Lambda, the local gateway and an embedding server all feed it frames");

    // The runtimes: only they compose; only Lambda's knows Lambda.

    @ArchTest
    static final ArchRule nothing_inside_knows_lambda_types = noneOf(layers(CORE, ANY_ADAPTER, PROTOCOL, INFRA),
            LAMBDA_TYPES);

    @ArchTest
    static final ArchRule the_lambda_handler_reaches_aws_only_through_its_composition = noClasses()
            .that().resideInAPackage(LAMBDA)
            .and().doNotHaveSimpleName("LambdaComposition")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..",
                    "software.amazon.awssdk.core..")
            .because("only the composition builds SDK clients; handlers talk to use cases and the protocol");

    @ArchTest
    static final ArchRule the_lambda_handler_uses_adapters_only_through_the_composition = noClasses()
            .that().resideInAPackage(LAMBDA)
            .and().doNotHaveSimpleName("LambdaComposition")
            .and().doNotHaveSimpleName("Composition")
            .should().dependOnClassesThat().resideInAnyPackage(ANY_ADAPTER);

    @ArchTest
    static final ArchRule the_local_gateway_knows_only_api_gateways_contract = noClasses()
            .that().resideInAPackage(LOCAL)
            .and().doNotHaveSimpleName("LocalChat")
            .should().dependOnClassesThat().resideInAnyPackage(CORE, ANY_ADAPTER, PROTOCOL, LAMBDA)
            .because("the gateway stands in for API Gateway: it must run any WebSocket handler, as API Gateway does");

    @ArchTest
    static final ArchRule nothing_of_the_product_knows_the_testkit = noneOf(
            layers(CORE, ANY_ADAPTER, PROTOCOL, AUTH, WEB, STANDALONE, LOGGING, LAMBDA, LOCAL, SERVER, INFRA), TESTKIT);

    @ArchTest
    static final ArchRule the_infrastructure_knows_only_the_route_keys_and_what_each_function_calls =
            noClasses().that().resideInAPackage(INFRA).should().dependOnClassesThat(
                    com.tngtech.archunit.base.DescribedPredicate.describe("a class of the chat but ChatTableAccess",
                            (com.tngtech.archunit.core.domain.JavaClass type) -> type.getPackageName()
                                    .matches("io\\.chatkit\\.(core|adapter|auth|web|standalone|lambda|local|server)(\\..*)?")
                                    && !type.getName().equals("io.chatkit.adapter.dynamodb.ChatTableAccess")))
                    .because("the stacks deploy the functions' jar; they need only the actions that become route keys "
                            + "and the table operations each function's role allows (ChatTableAccess)");
}
