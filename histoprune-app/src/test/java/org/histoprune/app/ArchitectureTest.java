package org.histoprune.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The app's packages by feature: the root package builds and wires the window and nothing depends on it;
 * the session and the job runner sit below every feature; the features form no cycle. DJL stays in the
 * core's nn package.
 */
@AnalyzeClasses(packages = "org.histoprune.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule nothingCallsBackIntoTheWindow = noClasses().that().resideInAPackage("org.histoprune.app.*..")
            .should().dependOnClassesThat().resideInAPackage("org.histoprune.app");

    @ArchTest
    static final ArchRule sessionAndJobsUseNoFeature = noClasses()
            .that().resideInAnyPackage("org.histoprune.app.session..", "org.histoprune.app.jobs..")
            .should().dependOnClassesThat().resideInAnyPackage("org.histoprune.app.files..",
                    "org.histoprune.app.viewer..", "org.histoprune.app.overlay..", "org.histoprune.app.pruning..",
                    "org.histoprune.app.model..", "org.histoprune.app.charts..", "org.histoprune.app.compare..",
                    "org.histoprune.app.demo..", "org.histoprune.app.icons..");

    @ArchTest
    static final ArchRule noFeatureCycles = slices().matching("org.histoprune.app.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noDjl = noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.djl..");
}
