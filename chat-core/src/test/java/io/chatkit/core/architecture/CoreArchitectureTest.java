package io.chatkit.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is plain Java, and inside it the domain and the ports never reach for the services. */
@AnalyzeClasses(packages = "io.chatkit.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_depends_on_nothing_but_the_jdk = noClasses()
            .that().resideInAPackage("io.chatkit.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.chatkit.core..")
            .because("chat-core must run anywhere a JDK runs: no SDK, no JSON library, no framework");

    @ArchTest
    static final ArchRule ports_do_not_depend_on_services = noClasses()
            .that().resideInAPackage("io.chatkit.core.port..")
            .should().dependOnClassesThat().resideInAPackage("io.chatkit.core.service..")
            .because("ports are the contract; services implement them, not the other way round");

    @ArchTest
    static final ArchRule the_domain_depends_on_no_port_or_service = noClasses()
            .that().resideInAPackage("io.chatkit.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chatkit.core.port..", "io.chatkit.core.service..");

    @ArchTest
    static final ArchRule outgoing_ports_do_not_know_the_use_cases = noClasses()
            .that().resideInAPackage("io.chatkit.core.port.out..")
            .should().dependOnClassesThat().resideInAPackage("io.chatkit.core.port.in..");
}
