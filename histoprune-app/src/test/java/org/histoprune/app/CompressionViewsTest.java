package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.chart.XYChart;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javax.imageio.ImageIO;
import org.histoprune.app.charts.ChartExport;
import org.histoprune.app.charts.CurveChart;
import org.histoprune.app.charts.FloatingCurves;
import org.histoprune.app.compare.CompareView;
import org.histoprune.app.demo.DemoMode;
import org.histoprune.app.files.ScriptedDialogs;
import org.histoprune.app.files.SlideOpener;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.app.viewer.SlideViewer;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.Strategy;
import org.histoprune.render.SwipeClip;
import org.histoprune.render.SyntheticSlide;
import org.histoprune.render.ViewTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The charts, floating curves, CR playback, demo mode and compare, driven in the real workbench (headless). */
class CompressionViewsTest extends FxRobot {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Generous limits for background work on a busy machine (never an assertion about speed). */
    private static final long WAIT_SECONDS = 120;

    static {
        System.setProperty("headless.geometry", "1440x900-32");
    }

    @TempDir
    Path temp;
    private final Preferences preferences =
            Preferences.userRoot().node("org/histoprune/test/views-" + UUID.randomUUID());
    private HistoPruneApp app;
    private Path exportTarget;

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void chartsShowOneLinePerStrategyAndMarkTheCurrentCr() throws Exception {
        launch(Optional::empty);
        Workbench workbench = app.workbench();
        CompressionChoice compression = workbench.session().compression();
        Path results = SweepFixture.write(temp.resolve("results"));
        clickOn("#toggle-charts");
        interact(() -> {
            compression.strategy().set(Strategy.GLOBAL);
            compression.log2Cr().set(3);
            compression.sweepResults().set(results);
        });
        CurveChart chart = workbench.compressionViews().charts().metricChart();
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> chart.getData().size() == 2);
        interact(chart::layout);

        assertEquals(List.of("global", "layerwise"), chart.getData().stream().map(XYChart.Series::getName).toList());
        assertEquals(10, chart.getData().get(0).getData().size(), "global: the dense point and 2x..512x");
        assertEquals(7, chart.getData().get(1).getData().size(), "layer-wise: the dense point and 2x..64x");
        assertEquals(SweepFixture.TEST, workbench.compressionViews().curves().eval().get(), "the test set first");
        assertEquals(SweepFixture.dice("global", 3), chart.markedValue().orElseThrow(), 1e-9);
        assertEquals(chart.getXAxis().getDisplayPosition(3), chart.ruleX(), 1e-6);

        interact(() -> compression.log2Cr().set(5));
        interact(chart::layout);
        assertEquals(SweepFixture.dice("global", 5), chart.markedValue().orElseThrow(), 1e-9);
        assertEquals(chart.getXAxis().getDisplayPosition(5), chart.ruleX(), 1e-6, "the rule follows the CR");
        interact(() -> compression.strategy().set(Strategy.LAYERWISE));
        assertEquals(SweepFixture.dice("layerwise", 5), chart.markedValue().orElseThrow(), 1e-9,
                "the ring follows the strategy");

        clickOn("#metric-aji");
        assertEquals(SweepFixture.aji("layerwise", 5), chart.markedValue().orElseThrow(), 1e-9);
        assertTrue(chart.getTitle().startsWith("AJI"), chart.getTitle());
        assertEquals(2, workbench.compressionViews().charts().inferenceChart().getData().size());
        interact(() -> workbench.compressionViews().curves().eval().set(SweepFixture.OTHER));
        assertEquals(0.4, chart.markedValue().orElseThrow(), 1e-9, "the other evaluation set's values");
        interact(() -> workbench.compressionViews().curves().eval().set(SweepFixture.TEST));
        clickOn("#metric-dice");
        interact(() -> compression.log2Cr().set(4));
        screenshot("charts.png");
    }

    @Test
    void aChartExportsAsPngOfItsSize() throws Exception {
        launch(Optional::empty);
        Path results = SweepFixture.write(temp.resolve("results"));
        clickOn("#toggle-charts");
        interact(() -> app.workbench().session().compression().sweepResults().set(results));
        CurveChart chart = app.workbench().compressionViews().charts().metricChart();
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> chart.getData().size() == 2);
        clickOn("#export-metric-chart");
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> Files.isRegularFile(exportTarget));
        BufferedImage written = ImageIO.read(exportTarget.toFile());
        Bounds bounds = chart.getBoundsInParent();
        assertEquals(Math.ceil(bounds.getWidth()), written.getWidth(), 1);
        assertEquals(Math.ceil(bounds.getHeight()), written.getHeight(), 1);
        assertTrue(written.getWidth() > 100 && written.getHeight() > 100, "a visible chart, not an empty image");
        try (var files = Files.list(temp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(".tmp")).toList(),
                    "written atomically: no temporary file left");
        }
    }

    @Test
    void floatingCurvesToggleFromTheViewMenuAndDragByTheirTitle() throws Exception {
        launch(Optional::empty);
        FloatingCurves floating = app.workbench().compressionViews().floating();
        assertFalse(floating.isVisible());
        clickOn("View").clickOn("Curves over the image");
        assertTrue(floating.isVisible());
        double x = floating.panel().getLayoutX();
        double y = floating.panel().getLayoutY();
        drag("#floating-curves-title", MouseButton.PRIMARY).moveBy(150, 90).release(MouseButton.PRIMARY);
        assertEquals(x + 150, floating.panel().getLayoutX(), 12);
        assertEquals(y + 90, floating.panel().getLayoutY(), 12);
        drag("#floating-curves-title", MouseButton.PRIMARY).moveBy(-3000, -3000).release(MouseButton.PRIMARY);
        assertEquals(0, floating.panel().getLayoutX(), 1e-9, "kept inside the viewer");
        assertEquals(0, floating.panel().getLayoutY(), 1e-9);
        assertEquals(1, countCharts(floating), "it holds the metric curves");
    }

    @Test
    void demoModeEnlargesTheFontsAndEscapeLeavesIt() throws Exception {
        launch(Optional::empty);
        Workbench workbench = app.workbench();
        DemoMode demo = workbench.compressionViews().demo();
        clickOn(workbench.viewer()).type(KeyCode.F11);
        assertTrue(demo.active().get());
        assertTrue(workbench.getStyleClass().contains(DemoMode.STYLE_CLASS));
        assertTrue(workbench.compressionViews().floating().isVisible(), "the curves float over the slide");
        double demoFont = lookup("#zoom-label").queryLabeled().getFont().getSize();

        clickOn("#play-cr");
        assertTrue(workbench.compressionViews().player().playing().get());
        type(KeyCode.ESCAPE);
        assertFalse(demo.active().get());
        assertFalse(workbench.compressionViews().player().playing().get(), "leaving the demo stops playing");
        assertFalse(workbench.getStyleClass().contains(DemoMode.STYLE_CLASS));
        assertFalse(workbench.compressionViews().floating().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(demoFont > lookup("#zoom-label").queryLabeled().getFont().getSize(), "larger fonts in demo mode");
    }

    @Test
    void compareKeepsBothSidesInStepAndSegmentsWithEachCellsModel() throws Exception {
        launch(Optional::empty);
        Path results = SweepFixture.write(temp.resolve("results"));
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 1);
                NucleiModel pruned = NucleiModel.create(new UNetConfig(4, 2), 2)) {
            dense.save(results.resolve(SweepFixture.modelFile("dense", 0)));
            pruned.save(results.resolve(SweepFixture.modelFile("global", 3)));
        }
        Workbench workbench = app.workbench();
        interact(() -> {
            workbench.session().compression().strategy().set(Strategy.GLOBAL);
            workbench.session().compression().log2Cr().set(3);
            workbench.session().compression().sweepResults().set(results);
            workbench.viewer().showAt(3000, 2000, 0.25); // a small region: cheap to segment
        });
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> workbench.compressionViews().curves().results().get() != null);
        clickOn("#toggle-compare");
        CompareView compare = workbench.compressionViews().compare();
        assertSame(compare, workbench.getCenter());
        WaitForAsyncUtils.waitFor(5 * WAIT_SECONDS, TimeUnit.SECONDS, () -> compare.left().layer().get() != null
                && compare.right().layer().get() != null && !app.jobs().busy());
        assertEquals("1\u00d7 dense", compare.left().layer().get().name());
        assertEquals("8\u00d7 global", compare.right().layer().get().name());
        assertEquals("global", compare.right().line().getValue(), "the right side follows the shared choice");

        SlideViewer left = compare.left().viewer();
        SlideViewer right = compare.right().viewer();
        assertInStep(left.view(), right.view());
        drag(left, MouseButton.PRIMARY).moveBy(-120, -60).release(MouseButton.PRIMARY);
        assertInStep(left.view(), right.view());
        moveTo(right);
        double before = right.view().downsample();
        scroll(3, VerticalDirection.UP);
        assertNotEquals(before, right.view().downsample(), 1e-9, "the wheel zooms the right side");
        assertInStep(right.view(), left.view());
        clickOn(right).type(KeyCode.MINUS);
        assertInStep(right.view(), left.view());
        screenshot("compare.png");

        clickOn("#compare-swipe");
        assertTrue(compare.swipe().get());
        assertEquals(null, right.getScene(), "one viewer in swipe mode");
        assertEquals(List.of(0.5, 0.5), swipePositions(left));
        double width = left.getWidth();
        drag(".swipe-handle", MouseButton.PRIMARY).moveBy(-width / 4, 0).release(MouseButton.PRIMARY);
        double moved = compare.divider().position().get();
        assertEquals(0.25, moved, 0.03, "the divider follows the drag");
        assertEquals(List.of(moved, moved), swipePositions(left), "the left cell left of it, the right cell right");
        clickOn("#compare-side-by-side");
        assertFalse(compare.swipe().get());
        assertSame(compare.right(), right.getParent().getParent(), "both viewers again");
        assertEquals(1, left.state().overlays().size());

        clickOn("#compare-close");
        assertSame(workbench.viewer(), ((javafx.scene.layout.StackPane) workbench.getCenter()).getChildren().get(0));
    }

    private static void assertInStep(ViewTransform moved, ViewTransform other) {
        assertEquals(moved.downsample(), other.downsample(), 1e-9, "same zoom");
        assertEquals(moved.centreX(), other.centreX(), 1e-6, "same centre x");
        assertEquals(moved.centreY(), other.centreY(), 1e-6, "same centre y");
    }

    private static List<Double> swipePositions(SlideViewer viewer) {
        return viewer.state().overlays().stream().map(SwipeClip.class::cast).map(SwipeClip::position).toList();
    }

    private static long countCharts(FloatingCurves floating) {
        return floating.panel().getChildren().stream().filter(CurveChart.class::isInstance).count();
    }

    private void launch(ModelSource models) throws Exception {
        exportTarget = temp.resolve("chart.png");
        Path slidePath = temp.resolve("synthetic.tif");
        SlideOpener opener = path -> new SyntheticSlide(path, 6000, 4000, 0.25, 0);
        ScriptedDialogs dialogs = new ScriptedDialogs(slidePath);
        dialogs.exportTarget = exportTarget;
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() ->
                new HistoPruneApp(new Startup(opener, models, preferences, Optional.of(slidePath), dialogs)));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> app.workbench().session().currentSlide() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(SCREENSHOTS);
        BufferedImage[] image = new BufferedImage[1];
        interact(() -> image[0] = ChartExport.snapshot(app.workbench().getScene().getRoot()));
        ImageIO.write(image[0], "png", SCREENSHOTS.resolve(name).toFile());
    }
}
