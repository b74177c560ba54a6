package org.histoprune.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Spark jobs reach the engine through the core's nn package only, and never the desktop app. */
@AnalyzeClasses(packages = "org.histoprune.spark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noDjl = noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.djl..");

    @ArchTest
    static final ArchRule noApp = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.histoprune.app..",
            "javafx..");
}
