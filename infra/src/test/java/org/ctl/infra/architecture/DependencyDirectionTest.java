package org.ctl.infra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: domain knows no framework but Axon's annotations; command and query never meet. */
class DependencyDirectionTest {

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ctl");

    @Test
    void keepsSpringAndJacksonOutOfTheDomain() {
        noClasses().that().resideInAPackage("org.ctl.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.fasterxml..",
                        "jakarta.persistence..", "org.ctl.command..", "org.ctl.query..", "org.ctl.infra..")
                .check(LEDGER);
    }

    @Test
    void keepsTheCommandSideAwayFromTheQuerySide() {
        noClasses().that().resideInAPackage("org.ctl.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ctl.query..", "org.ctl.infra..")
                .check(LEDGER);
    }

    @Test
    void keepsTheQuerySideAwayFromTheCommandSide() {
        noClasses().that().resideInAPackage("org.ctl.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ctl.command..", "org.ctl.infra..")
                .check(LEDGER);
    }
}
