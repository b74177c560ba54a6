package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javax.imageio.ImageIO;
import org.histoprune.app.files.RecentFiles;
import org.histoprune.app.files.ScriptedDialogs;
import org.histoprune.app.files.SlideOpener;
import org.histoprune.app.session.LayerItem;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.app.viewer.SlideViewer;
import org.histoprune.image.RgbImage;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.UNetConfig;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.NucleusHighlight;
import org.histoprune.render.SyntheticSlide;
import org.histoprune.render.ViewTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real workbench headless (Monocle): open, zoom, pan, layers, opacity, jobs, export. */
class HistoPruneAppTest extends FxRobot {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static {
        // Monocle's headless screen is 1280x800 unless told otherwise; screenshots want the full window.
        System.setProperty("headless.geometry", "1440x900-32");
    }

    @TempDir
    Path temp;
    private Preferences preferences;
    private HistoPruneApp app;
    private Path exportTarget;
    private long readDelayMillis;

    @BeforeEach
    void start() throws Exception {
        preferences = Preferences.userRoot().node("org/histoprune/test/app-" + UUID.randomUUID());
        exportTarget = temp.resolve("view.png");
        launch(0, Optional::empty);
    }

    private void launch(long delayMillis, ModelSource models) throws Exception {
        readDelayMillis = delayMillis;
        Path slidePath = temp.resolve("synthetic.tif");
        SlideOpener opener = path -> new SyntheticSlide(path, 6000, 4000, 0.25, readDelayMillis);
        ScriptedDialogs dialogs = new ScriptedDialogs(slidePath);
        dialogs.exportTarget = exportTarget;
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() ->
                new HistoPruneApp(new Startup(opener, models, preferences, Optional.of(slidePath), dialogs)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.workbench().session().currentSlide() != null);
        interact(() -> app.workbench().session().addLayer(new InstanceLayer("Ground truth", 0, 0,
                SyntheticSlide.labels(0, 0, 3000, 2000), 0xFFCC00)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void startsWithTheSlideFittedAndShowsItsFacts() {
        Workbench workbench = app.workbench();
        ViewTransform view = workbench.viewer().view();
        assertTrue(view.downsample() > 1, "a 6000 px slide is fitted, so zoomed out: " + view);
        assertEquals(3000, view.centreX(), 1);
        assertEquals(2000, view.centreY(), 1);
        assertTrue(lookup(".fact-value").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(label -> label.getText().contains("6,000")));
        assertEquals(temp.resolve("synthetic.tif").toAbsolutePath(),
                new RecentFiles(preferences.node("recent")).list().get(0), "the opened slide is the most recent file");
    }

    @Test
    void wheelZoomsAroundTheCursorAndKeysFitAndShowActualPixels() {
        SlideViewer viewer = app.workbench().viewer();
        double before = viewer.view().downsample();
        moveTo(viewer).moveBy(150, -80);
        ViewTransform start = viewer.view();
        double screenX = 150 + start.width() / 2.0;
        double screenY = -80 + start.height() / 2.0;
        scroll(5, VerticalDirection.UP);
        ViewTransform zoomed = viewer.view();
        assertNotEquals(before, zoomed.downsample(), 1e-6, "the wheel zooms");
        assertEquals(start.imageX(screenX), zoomed.imageX(screenX), 2 * start.downsample(),
                "the point under the cursor stays put");
        assertEquals(start.imageY(screenY), zoomed.imageY(screenY), 2 * start.downsample());
        scroll(5, VerticalDirection.DOWN);
        assertEquals(before, viewer.view().downsample(), 1e-6, "the opposite turn zooms back");

        clickOn(viewer).type(KeyCode.DIGIT1);
        assertEquals(1.0, viewer.view().downsample(), 1e-9);
        type(KeyCode.DIGIT0);
        assertEquals(before, viewer.view().downsample(), 1e-9);
        type(KeyCode.MINUS);
        assertTrue(viewer.view().downsample() > before);
        type(KeyCode.EQUALS);
        assertEquals(before, viewer.view().downsample(), 1e-9);
    }

    @Test
    void dragPansTheView() {
        SlideViewer viewer = app.workbench().viewer();
        clickOn(viewer).type(KeyCode.DIGIT1);
        ViewTransform before = viewer.view();
        drag(viewer, MouseButton.PRIMARY).moveBy(-200, -100).release(MouseButton.PRIMARY);
        ViewTransform after = viewer.view();
        assertEquals(before.originX() + 200, after.originX(), 20);
        assertEquals(before.originY() + 100, after.originY(), 20);
        assertEquals(before.downsample(), after.downsample(), 1e-9);
    }

    @Test
    void layerSwitchAndOpacitySliderChangeTheOverlay() {
        Workbench workbench = app.workbench();
        assertEquals(1, layerOverlays(workbench));
        clickOn("#layer-ground-truth");
        assertEquals(0, layerOverlays(workbench));
        assertFalse(lookup("#layer-ground-truth").queryAs(CheckBox.class).isSelected());
        clickOn("#layer-ground-truth");
        assertEquals(1, layerOverlays(workbench));

        Slider opacity = lookup("#opacity-slider").queryAs(Slider.class);
        double before = opacity.getValue();
        clickOn(opacity).type(KeyCode.HOME);
        assertNotEquals(before, opacity.getValue());
        InstanceOverlay overlay = firstLayerOverlay(workbench);
        assertEquals(0.0, overlay.style().opacity(), 1e-9);

        clickOn("#style-fill");
        overlay = firstLayerOverlay(workbench);
        assertTrue(overlay.style().fill());
    }

    @Test
    void hoverNamesTheNucleusUnderTheCursor() {
        SlideViewer viewer = app.workbench().viewer();
        double[] centre = SyntheticSlide.centreOf(3, 2);
        interact(() -> viewer.setView(ViewTransform.centredOn(centre[0], centre[1], 0.25, viewer.view().width(),
                viewer.view().height())));
        moveTo(viewer).moveBy(40, 40).moveBy(-40, -40);
        String text = lookup("#status-nucleus").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(text.startsWith("Ground truth #"), text);
        assertTrue(text.contains("\u00b5m\u00b2"), text);
        assertTrue(viewer.state().overlays().stream().anyMatch(NucleusHighlight.class::isInstance),
                "the nucleus under the cursor is outlined");
    }

    @Test
    void exportWritesTheCurrentViewAsPng() throws Exception {
        clickOn("#export-view");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(exportTarget) && !app.jobs().busy());
        BufferedImage written = ImageIO.read(exportTarget.toFile());
        ViewTransform view = app.workbench().viewer().view();
        assertEquals(view.width(), written.getWidth());
        assertEquals(view.height(), written.getHeight());
        screenshot("main-window.png");
    }

    @Test
    void aSlowJobShowsProgressAndCanBeCancelled() throws Exception {
        FxToolkit.cleanupApplication(app);
        launch(1000, Optional::empty);
        clickOn("#one-to-one");
        clickOn("#export-view");
        Task<?> job = app.jobs().currentJobProperty().get();
        assertTrue(job != null, "the export runs as a job");
        ProgressBar progress = lookup("#job-progress").queryAs(ProgressBar.class);
        assertTrue(progress.isVisible());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> progress.getProgress() > 0);
        clickOn("#job-cancel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.jobs().busy());
        assertTrue(job.isCancelled());
        assertFalse(progress.isVisible());
        assertTrue(lookup("#status-message").queryAs(javafx.scene.control.Label.class).getText().endsWith("cancelled"));
        Thread.sleep(1500);
        assertFalse(Files.exists(exportTarget), "a cancelled export writes nothing");
        assertFalse(lookup("#export-view").queryAs(Button.class).isDisabled());
    }

    @Test
    void segmentRunsTheModelOnTheViewAndAddsAPredictionLayer() throws Exception {
        FxToolkit.cleanupApplication(app);
        launch(0, () -> Optional.of(NucleiModel.create(new UNetConfig(4, 2), 1)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.workbench().session().currentModel() != null);
        assertTrue(lookup("#model-name").queryAs(javafx.scene.control.Label.class).getText().contains("base 4"));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !app.jobs().busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, app.workbench().viewer().view().downsample(), 1e-9,
                "with a slide and a model the first look is at full resolution");
        assertTrue(app.workbench().session().layers().stream().anyMatch(item -> item.layer().name().equals("Prediction")),
                () -> "and already segmented: " + lookup("#status-message").queryAs(javafx.scene.control.Label.class)
                        .getText());
        SlideViewer viewer = app.workbench().viewer();
        interact(() -> viewer.setView(ViewTransform.centredOn(1000, 1000, 1, 300, 200).resized(viewer.view().width(),
                viewer.view().height()).withDownsample(0.5)));
        Rectangle expected = SegmentTask.regionFor(viewer.view(), 6000, 4000);
        clickOn("#segment");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !app.jobs().busy());
        WaitForAsyncUtils.waitForFxEvents();
        InstanceLayer prediction = app.workbench().session().layers().stream().map(LayerItem::layer)
                .filter(layer -> layer.name().equals("Prediction")).findFirst().orElseThrow();
        assertEquals(expected.x, prediction.originX());
        assertEquals(expected.y, prediction.originY());
        assertEquals(expected.width, prediction.labels().width());
        assertEquals(expected.height, prediction.labels().height());
        assertEquals(2, layerOverlays(app.workbench()));
    }

    @Test
    void stopEndsTheJobBeforeItFreesTheModelTheJobUses() throws Exception {
        FxToolkit.cleanupApplication(app);
        launch(0, () -> Optional.of(NucleiModel.create(new UNetConfig(4, 2), 1)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.workbench().session().currentModel() != null);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !app.jobs().busy()); // the first look's segmentation
        NucleiModel model = app.workbench().session().currentModel();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean openWhenStopping = new AtomicBoolean();
        AtomicBoolean openAtEnd = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Task<Void> job = new Task<>() {
            @Override
            protected Void call() {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // until stop() interrupts the job
                } catch (InterruptedException stopping) {
                    openWhenStopping.set(!model.isClosed());
                }
                try { // a step in native code ends before the job sees its cancel flag
                    model.predict(new RgbImage(64, 64), TilingOptions.defaults().withTile(64).withOverlap(16));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                openAtEnd.set(!model.isClosed());
                return null;
            }
        };
        interact(() -> app.jobs().start(job));
        assertTrue(started.await(30, TimeUnit.SECONDS));

        FxToolkit.cleanupApplication(app); // calls stop() on the FX thread, as closing the window does
        FxToolkit.cleanupStages();
        HistoPruneApp stopped = app;
        app = null; // stopped once, here

        assertTrue(openWhenStopping.get(), "stop() began with the job, not with the model");
        assertEquals(null, failure.get(), "the job's last predict ran on a live model");
        assertTrue(openAtEnd.get(), "the model outlived the job");
        assertTrue(model.isClosed(), "and was freed once the job's thread had ended");
        assertFalse(stopped.jobs().busy());
    }

    private static InstanceOverlay firstLayerOverlay(Workbench workbench) {
        return workbench.viewer().state().overlays().stream().filter(InstanceOverlay.class::isInstance)
                .map(InstanceOverlay.class::cast).findFirst().orElseThrow();
    }

    private static long layerOverlays(Workbench workbench) {
        return workbench.viewer().state().overlays().stream().filter(InstanceOverlay.class::isInstance).count();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        BufferedImage[] image = new BufferedImage[1];
        interact(() -> image[0] = SwingFXUtils.fromFXImage(app.workbench().getScene().snapshot(null), null));
        ImageIO.write(image[0], "png", SCREENSHOTS.resolve(name).toFile());
    }
}
