package org.histoprune;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules of ARCHITECTURE.md. */
@AnalyzeClasses(packages = "org.histoprune", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] OURS_EXCEPT_IMAGE = {
        "org.histoprune.io..", "org.histoprune.data..", "org.histoprune.nn..", "org.histoprune.prune..",
        "org.histoprune.segment..", "org.histoprune.metrics..", "org.histoprune.experiment..",
        "org.histoprune.cli..", "org.histoprune.app.."
    };

    @ArchTest
    static final ArchRule imageDependsOnNothingOfOurs = noClasses().that().resideInAPackage("org.histoprune.image..")
            .should().dependOnClassesThat().resideInAnyPackage(OURS_EXCEPT_IMAGE);

    @ArchTest
    static final ArchRule metricsDependOnlyOnImage = noClasses().that().resideInAPackage("org.histoprune.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage(without("org.histoprune.metrics.."));

    @ArchTest
    static final ArchRule segmentDependsOnlyOnImage = noClasses().that().resideInAPackage("org.histoprune.segment..")
            .should().dependOnClassesThat().resideInAnyPackage(without("org.histoprune.segment.."));

    @ArchTest
    static final ArchRule javafxOnlyInApp = noClasses().that().resideOutsideOfPackage("org.histoprune.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule djlOnlyInNn = noClasses().that().resideOutsideOfPackage("org.histoprune.nn..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..");

    @ArchTest
    static final ArchRule coreNeverUsesFrontEnds = noClasses().that().resideOutsideOfPackages(
                    "org.histoprune.app..", "org.histoprune.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.histoprune.app..", "org.histoprune.cli..");

    private static String[] without(String own) {
        return java.util.Arrays.stream(OURS_EXCEPT_IMAGE).filter(p -> !p.equals(own)).toArray(String[]::new);
    }
}
