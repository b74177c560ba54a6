package org.histoprune.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The commands reach the engine through the core's nn package only; JavaFX is not on this module's class path. */
@AnalyzeClasses(packages = "org.histoprune.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noDjl = noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.djl..");
}
