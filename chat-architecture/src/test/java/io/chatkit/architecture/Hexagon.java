package io.chatkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The README's module diagram as packages: the core in the middle (domain, ports, services); the adapters
 * around it, outgoing ones per technology and the incoming protocol; the runtimes outside, which compose
 * them; and the infrastructure, which only deploys. Rules are phrased as "may not know", read like the
 * diagram's arrows, and built here once.
 */
final class Hexagon {
    static final String CORE = "io.chatkit.core..";
    static final String DOMAIN = "io.chatkit.core.domain..";
    static final String PORTS = "io.chatkit.core.port..";
    static final String PORTS_IN = "io.chatkit.core.port.in..";
    static final String PORTS_OUT = "io.chatkit.core.port.out..";
    static final String SERVICES = "io.chatkit.core.service..";

    /** The outgoing adapters, one per technology. */
    static final Map<String, String> ADAPTERS = Map.of(
            "in-memory", "io.chatkit.adapter.inmemory..",
            "DynamoDB", "io.chatkit.adapter.dynamodb..",
            "API Gateway", "io.chatkit.adapter.apigw..",
            "S3", "io.chatkit.adapter.s3..");
    static final String ANY_ADAPTER = "io.chatkit.adapter..";
    /** The incoming adapter: the wire protocol. */
    static final String PROTOCOL = "io.chatkit.protocol..";

    /** Who a connection is: token verification and the local-only identity provider. */
    static final String AUTH = "io.chatkit.auth..";
    /** One log line per record, JSON or readable: every runtime's, JDK only. */
    static final String LOGGING = "io.chatkit.logging..";
    /** What a local runtime serves beside its socket: the web client and the dev identity endpoints. */
    static final String WEB = "io.chatkit.web..";
    /** What the two standalone runtimes share: options, the stores' choice, the loopback server, socket writing. */
    static final String STANDALONE = "io.chatkit.standalone..";

    static final String LAMBDA = "io.chatkit.lambda..";
    static final String LOCAL = "io.chatkit.local..";
    /** The embedded runtime: the chat as one WebSocket server, no Lambda, no API Gateway. */
    static final String SERVER = "io.chatkit.server..";
    static final String INFRA = "io.chatkit.infra..";
    /** Contracts and local servers for tests: never part of the product. */
    static final String TESTKIT = "io.chatkit.testkit..";

    static final String JACKSON = "com.fasterxml.jackson..";
    static final String LAMBDA_TYPES = "com.amazonaws.services.lambda..";
    static final String AWS_SDK = "software.amazon.awssdk..";

    private Hexagon() {
    }

    /** No class of {@code layer} may depend on a class of any of {@code others}. */
    static ArchRule mayNotKnow(String layer, String... others) {
        return noClasses().that().resideInAPackage(layer)
                .should().dependOnClassesThat().resideInAnyPackage(others);
    }

    /** No class of any of {@code layers} may depend on a class of any of {@code others}. */
    static ArchRule noneOf(List<String> layers, String... others) {
        return noClasses().that().resideInAnyPackage(layers.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(others);
    }

    /** Every outgoing adapter, told it may know none of the others, nor the protocol, nor a runtime. */
    static ArchRule adaptersKnowNoOtherAdapterAndNoRuntime() {
        List<ArchRule> rules = ADAPTERS.entrySet().stream()
                .map(adapter -> mayNotKnow(adapter.getValue(), Stream.concat(
                                ADAPTERS.values().stream().filter(other -> !other.equals(adapter.getValue())),
                                Stream.of(PROTOCOL, LAMBDA, LOCAL, SERVER, AUTH, WEB, STANDALONE, LOGGING, INFRA))
                                .toArray(String[]::new))
                        .as("the " + adapter.getKey() + " adapter knows no other adapter, no protocol, no runtime"))
                .toList();
        return CompositeArchRule.of(rules);
    }

    static List<String> layers(String... packages) {
        return Arrays.asList(packages);
    }
}
