package org.histoprune.app;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javax.imageio.ImageIO;
import org.histoprune.app.charts.ChartExport;
import org.histoprune.app.charts.SweepResults;
import org.histoprune.app.compare.CompareView;
import org.histoprune.app.files.FileDialogs;
import org.histoprune.nn.NucleiModel;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.Pruner;
import org.histoprune.prune.Strategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's charts and compare screenshots ({@code -Dscreenshots=true}, into target/screenshots): a MoNuSeg
 * test image segmented by the bundled model and by a one-shot global magnitude pruning of it (16x, no
 * retraining). The curves come from {@code -Dscreenshots.results=DIR} (a real sweep's folder) or, without it,
 * from the illustrative {@link SweepFixture}.
 */
class ReadmeScreenshotsTest extends FxRobot {
    private static final Path IMAGES = Path.of("../shared/data/monuseg/test/images");

    static {
        System.setProperty("headless.geometry", "1440x900-32");
    }

    @TempDir
    Path temp;
    private final Preferences preferences =
            Preferences.userRoot().node("org/histoprune/test/readme-" + UUID.randomUUID());
    private HistoPruneApp app;

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void chartsAndCompare() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("screenshots"), "screenshots not asked for (-Dscreenshots=true)");
        Assumptions.assumeTrue(Files.isDirectory(IMAGES), "MoNuSeg not found at " + IMAGES + ": skipped");
        Path slide;
        try (var files = Files.list(IMAGES)) {
            slide = files.filter(f -> f.toString().endsWith(".tif")).sorted().findFirst().orElseThrow();
        }
        String real = System.getProperty("screenshots.results", "");
        Path results = real.isBlank() ? SweepFixture.write(temp.resolve("results")) : Path.of(real);
        if (real.isBlank()) {
            Assumptions.assumeTrue(NucleiModel.copyBundled(results.resolve(SweepFixture.modelFile("dense", 0))),
                    "no bundled model in this build: skipped");
            prune(results, 4);
        }
        // Loaded here, not on the app's loader thread: NucleiModel.load of a masked model fails on a thread that
        // still records gradients (the masks are applied in place); see the charts-ui report.
        Path pruned = real.isBlank() ? results.resolve(SweepFixture.modelFile("global", 4))
                : SweepResults.load(results).modelFile("global", 16).orElseThrow(() ->
                        new AssertionError("no global 16x cell in " + results));
        NucleiModel shown = NucleiModel.load(pruned);
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() -> new HistoPruneApp(new Startup(
                AppLauncher.defaultOpener(), () -> Optional.of(shown), preferences,
                Optional.of(slide), FileDialogs.system())));
        Workbench workbench = app.workbench();
        await("the slide and model", 600, () -> workbench.session().currentSlide() != null && workbench.session().currentModel() != null);
        await("the first segmentation", 600, () -> !app.jobs().busy()
                && workbench.session().layers().stream().anyMatch(item -> item.layer().name().equals("Prediction")));
        interact(() -> {
            workbench.session().compression().strategy().set(Strategy.GLOBAL);
            workbench.session().compression().log2Cr().set(4);
            workbench.session().compression().sweepResults().set(results);
            workbench.compressionViews().chartsShown().set(true);
            workbench.compressionViews().floating().setVisible(true);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> workbench.compressionViews().curves().results().get() != null);
        interact(() -> workbench.compressionViews().floating().moveTo(20, 380));
        screenshot("charts.png");

        interact(() -> {
            workbench.compressionViews().chartsShown().set(false);
            workbench.compressionViews().floating().setVisible(false);
            workbench.session().compression().log2Cr().set(4);
            workbench.viewer().showAt(workbench.session().currentSlide().width() / 2.0, workbench.session().currentSlide().height() / 2.0, 0.75);
            workbench.compressionViews().compare().shown().set(true);
        });
        CompareView compare = workbench.compressionViews().compare();
        await("both cells' nuclei", 600, () -> compare.left().layer().get() != null
                && compare.right().layer().get() != null && !app.jobs().busy());
        screenshot("compare.png");
    }

    private void await(String what, int seconds, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + what + " after " + seconds + " s; status: "
                    + lookup("#status-message").queryLabeled().getText(), e);
        }
    }

    private static void prune(Path results, int log2) throws Exception {
        try (NucleiModel model = NucleiModel.load(results.resolve(SweepFixture.modelFile("dense", 0)))) {
            Pruner pruner = new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 1 << log2).withOneShot(true));
            for (int round = 1; round <= pruner.rounds(); round++) {
                pruner.step(round);
            }
            model.save(results.resolve(SweepFixture.modelFile("global", log2)));
        }
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(CompressionViewsTest.SCREENSHOTS);
        BufferedImage[] image = new BufferedImage[1];
        interact(() -> image[0] = ChartExport.snapshot(app.workbench().getScene().getRoot()));
        ImageIO.write(image[0], "png", CompressionViewsTest.SCREENSHOTS.resolve(name).toFile());
    }
}
