package io.chatkit.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The local gateway stands in for API Gateway, so it knows only API Gateway's contract (events in,
 * responses and {@code @connections} out), never the chat behind it. Only {@code LocalChat}, the
 * composition, and the dev identity provider (which checks user names) reach into the chat's modules.
 */
@AnalyzeClasses(packages = "io.chatkit.local", importOptions = ImportOption.DoNotIncludeTests.class)
class LocalLayersTest {

    @ArchTest
    static final ArchRule the_gateway_knows_only_api_gateways_contract = noClasses()
            .that().resideInAPackage("io.chatkit.local")
            .and().doNotHaveSimpleName("LocalChat")
            .and().doNotHaveSimpleName("DevIdentityHandler")
            .and().doNotHaveSimpleName("LocalIdentityProvider")
            .should().dependOnClassesThat().resideInAnyPackage("io.chatkit.core..", "io.chatkit.adapter..")
            .because("the gateway must run any WebSocket handler, as API Gateway does");
}
