package io.chatkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule across modules: adapters never know each other or the runtime, and handlers
 * reach AWS only through ports (the composition is the one place that builds SDK clients).
 * Runs here because this module sees every other module's classes.
 */
@AnalyzeClasses(packages = "io.chatkit",
        importOptions = {ImportOption.DoNotIncludeTests.class, LayersTest.NoTestJars.class})
class LayersTest {
    private static final String INMEMORY = "io.chatkit.adapter.inmemory..";
    private static final String DYNAMODB = "io.chatkit.adapter.dynamodb..";
    private static final String APIGW = "io.chatkit.adapter.apigw..";
    private static final String LAMBDA = "io.chatkit.lambda..";

    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule the_in_memory_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage(INMEMORY)
            .should().dependOnClassesThat().resideInAnyPackage(DYNAMODB, APIGW, LAMBDA);

    @ArchTest
    static final ArchRule the_dynamodb_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage(DYNAMODB)
            .should().dependOnClassesThat().resideInAnyPackage(INMEMORY, APIGW, LAMBDA);

    @ArchTest
    static final ArchRule the_api_gateway_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage(APIGW)
            .should().dependOnClassesThat().resideInAnyPackage(INMEMORY, DYNAMODB, LAMBDA);

    @ArchTest
    static final ArchRule the_core_knows_no_adapter_and_no_runtime = noClasses()
            .that().resideInAPackage("io.chatkit.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chatkit.adapter..", LAMBDA);

    @ArchTest
    static final ArchRule handlers_reach_aws_only_through_ports = noClasses()
            .that().resideInAPackage(LAMBDA)
            .and().doNotHaveSimpleName("LambdaComposition")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "software.amazon.awssdk.services..", "software.amazon.awssdk.core..")
            .because("only the composition builds SDK clients; handlers talk to use cases");

    @ArchTest
    static final ArchRule handlers_use_adapters_only_through_the_composition = noClasses()
            .that().resideInAPackage(LAMBDA)
            .and().doNotHaveSimpleName("LambdaComposition")
            .and().doNotHaveSimpleName("Composition")
            .should().dependOnClassesThat().resideInAnyPackage(INMEMORY, DYNAMODB, APIGW);
}
