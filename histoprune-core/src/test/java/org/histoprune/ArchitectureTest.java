package org.histoprune;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's layering (ARCHITECTURE.md): image at the bottom; io, data, segment and metrics on it; the
 * renderer on those; then nn, prune and experiment, each using only what is below it. The front ends are
 * other modules, so Maven keeps the core from seeing them, and JavaFX is not on the core's class path.
 */
@AnalyzeClasses(packages = "org.histoprune", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("image").definedBy("org.histoprune.image..")
            .layer("io, data, segment, metrics").definedBy("org.histoprune.io..", "org.histoprune.data..",
                    "org.histoprune.segment..", "org.histoprune.metrics..")
            .layer("render").definedBy("org.histoprune.render..")
            .layer("nn").definedBy("org.histoprune.nn..")
            .layer("prune").definedBy("org.histoprune.prune..")
            .layer("experiment").definedBy("org.histoprune.experiment..")
            .whereLayer("experiment").mayNotBeAccessedByAnyLayer()
            .whereLayer("prune").mayOnlyBeAccessedByLayers("experiment")
            .whereLayer("nn").mayOnlyBeAccessedByLayers("prune", "experiment")
            .whereLayer("render").mayNotBeAccessedByAnyLayer()
            .whereLayer("io, data, segment, metrics").mayOnlyBeAccessedByLayers("render", "nn", "prune", "experiment");

    @ArchTest
    static final ArchRule imageDependsOnNothingOfOurs = noClasses().that().resideInAPackage("org.histoprune.image..")
            .should().dependOnClassesThat().resideInAnyPackage(ours("org.histoprune.image.."));

    @ArchTest
    static final ArchRule metricsDependOnlyOnImage = noClasses().that().resideInAPackage("org.histoprune.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage(ours("org.histoprune.image..", "org.histoprune.metrics.."));

    @ArchTest
    static final ArchRule segmentDependsOnlyOnImage = noClasses().that().resideInAPackage("org.histoprune.segment..")
            .should().dependOnClassesThat().resideInAnyPackage(ours("org.histoprune.image..", "org.histoprune.segment.."));

    @ArchTest
    static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule djlOnlyInNn = noClasses().that().resideOutsideOfPackage("org.histoprune.nn..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.histoprune.(*)..").should().beFreeOfCycles();

    /** Every package of ours but the given ones. */
    private static String[] ours(String... allowed) {
        return java.util.stream.Stream.of("image", "io", "data", "segment", "metrics", "render", "nn", "prune",
                        "experiment", "cli", "app")
                .map(name -> "org.histoprune." + name + "..")
                .filter(name -> !java.util.List.of(allowed).contains(name))
                .toArray(String[]::new);
    }
}
