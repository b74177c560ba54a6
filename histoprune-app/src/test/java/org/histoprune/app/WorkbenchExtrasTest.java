package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;
import javax.imageio.ImageIO;
import org.histoprune.app.files.OpenedSlide;
import org.histoprune.app.files.RecentFiles;
import org.histoprune.app.files.ScriptedDialogs;
import org.histoprune.app.files.SessionPreferences;
import org.histoprune.app.files.SlideOpener;
import org.histoprune.app.overlay.LayerRoles;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.app.viewer.SlideViewer;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.metrics.InstanceMetrics;
import org.histoprune.metrics.InstanceScores;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.InstanceOverlay;
import org.histoprune.render.MatchLayers;
import org.histoprune.render.SyntheticSlide;
import org.histoprune.render.ViewRenderer;
import org.histoprune.render.ViewTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the workbench's match view, nuclei exports, ground-truth opening, drag and drop and remembered
 * window headless (Monocle), on the synthetic slide whose every nucleus is known.
 */
class WorkbenchExtrasTest extends FxRobot {
    /** The predicted region: 20 x 20 grid cells of the synthetic slide. */
    private static final int X0 = 240;
    private static final int Y0 = 240;
    private static final int SIDE = 480;
    /** Grid cells whose nucleus the prediction misses, and whose nucleus it shrinks to a 3 x 3 dot. */
    private static final int[][] MISSED = {{12, 12}, {13, 15}, {20, 20}};
    private static final int[][] SHRUNK = {{15, 12}, {18, 18}};

    @TempDir
    Path temp;
    private Preferences preferences;
    private HistoPruneApp app;
    private ScriptedDialogs dialogs;
    private Path slidePath;

    @BeforeEach
    void start() throws Exception {
        preferences = Preferences.userRoot().node("org/histoprune/test/extras-" + UUID.randomUUID());
        slidePath = temp.resolve("synthetic.tif");
        // Opaque overlays, so outline pixels keep their layer's exact colour.
        preferences.node("display").putDouble("opacity", 1.0);
        launch();
    }

    private void launch() throws Exception {
        SlideOpener opener = path -> new SyntheticSlide(path, 6000, 4000, 0.25, 0);
        dialogs = new ScriptedDialogs(slidePath);
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() -> new HistoPruneApp(new Startup(opener, Optional::empty,
                preferences, Optional.of(slidePath), dialogs)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.workbench().session().currentSlide() != null);
    }

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void matchViewCountsAreTheMetricsOfAKnownPair() throws Exception {
        showTruthAndPrediction();
        MatchLayers match = app.workbench().matchPanel().current();
        int nuclei = distinctIds(SyntheticSlide.labels(X0, Y0, SIDE, SIDE));
        int truePositives = nuclei - MISSED.length - SHRUNK.length;
        assertEquals(String.format("%,d", truePositives), text("#match-tp"));
        assertEquals(Integer.toString(SHRUNK.length), text("#match-fp"));
        assertEquals(Integer.toString(MISSED.length + SHRUNK.length), text("#match-fn"));
        assertEquals(truePositives, match.truePositives().count());
        assertEquals(SHRUNK.length, match.falsePositives().count());
        assertEquals(MISSED.length + SHRUNK.length, match.falseNegatives().count());

        InstanceScores scores = InstanceMetrics.score(SyntheticSlide.labels(X0, Y0, SIDE, SIDE), prediction());
        assertEquals(String.format(java.util.Locale.ROOT, "PQ %.3f = DQ %.3f \u00d7 SQ %.3f", scores.pq(), scores.dq(),
                scores.sq()), text("#match-pq"));
        assertEquals(truePositives / (truePositives + 0.5 * (2 * SHRUNK.length + MISSED.length)), scores.dq(), 1e-12);
    }

    @Test
    void matchSwitchAndLayerSwitchesChangeTheOverlay() throws Exception {
        showTruthAndPrediction();
        Workbench workbench = app.workbench();
        double[] missed = SyntheticSlide.centreOf(MISSED[0][0], MISSED[0][1]);
        interact(() -> workbench.viewer().setView(ViewTransform.centredOn(missed[0], missed[1], 0.5,
                workbench.viewer().view().width(), workbench.viewer().view().height())));
        BufferedImage before = render();
        assertEquals(2, instanceOverlays().size(), "prediction and ground truth");

        clickOn("#match-view");
        List<InstanceOverlay> matched = instanceOverlays();
        assertEquals(List.of("False negatives", "False positives", "True positives"),
                matched.stream().map(overlay -> overlay.layer().name()).toList(), "the match layers replace both");
        assertTrue(matched.stream().noneMatch(overlay -> overlay.style().colourPerInstance()));
        screenshot("match-view.png");
        BufferedImage coloured = render();
        assertTrue(countColour(coloured, MatchLayers.FALSE_NEGATIVE_RGB) > 0, "the missed nucleus is outlined");
        assertTrue(countColour(coloured, MatchLayers.TRUE_POSITIVE_RGB) > 0, "its found neighbours are outlined");
        assertNotEquals(countColour(before, MatchLayers.FALSE_NEGATIVE_RGB),
                countColour(coloured, MatchLayers.FALSE_NEGATIVE_RGB));

        clickOn("#layer-prediction");
        assertEquals(List.of(LayerRoles.GROUND_TRUTH), instanceOverlays().stream()
                .map(overlay -> overlay.layer().name()).toList(), "a hidden prediction leaves nothing to match");
        assertEquals(0, countColour(render(), MatchLayers.FALSE_NEGATIVE_RGB));
        clickOn("#layer-ground-truth");
        assertTrue(instanceOverlays().isEmpty());
        clickOn("#layer-prediction");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> instanceOverlays().size() == 3);
        clickOn("#match-view");
        assertEquals(List.of("Prediction"), instanceOverlays().stream().map(overlay -> overlay.layer().name())
                .toList(), "with the switch off the hidden ground truth stays hidden");
    }

    @Test
    void exportsWriteFilesThatReadBackAndRememberTheirFolder() throws Exception {
        showTruthAndPrediction();
        Path folder = Files.createDirectories(temp.resolve("exports"));
        dialogs.file = folder.resolve("labels.png");
        // The synthetic ids pass 65,535, so the labels go to a 32-bit TIFF instead of a 16-bit PNG.
        Path labels = folder.resolve("labels.tif");
        exportAs("export-label-image", labels);
        assertArrayEquals(prediction().labels(), RasterFiles.readLabels(labels).labels());
        assertFalse(Files.exists(dialogs.file));

        dialogs.file = folder.resolve("nuclei.geojson");
        exportAs("export-geojson", dialogs.file);
        JsonNode features = new ObjectMapper().readTree(dialogs.file.toFile()).get("features");
        int count = app.workbench().session().layers().get(1).layer().count();
        assertEquals(count, features.size());
        for (JsonNode feature : features) {
            assertEquals("detection", feature.at("/properties/objectType").asText());
            for (JsonNode point : feature.at("/geometry/coordinates/0")) {
                double x = point.get(0).asDouble();
                double y = point.get(1).asDouble();
                assertTrue(x >= X0 && x <= X0 + SIDE && y >= Y0 && y <= Y0 + SIDE,
                        "outlines are in slide coordinates: " + point);
            }
        }

        dialogs.file = folder.resolve("nuclei.csv");
        exportAs("export-csv", dialogs.file);
        List<String> rows = Files.readAllLines(dialogs.file);
        assertTrue(rows.get(0).startsWith("id,"), rows.get(0));
        assertEquals(count + 1, rows.size());
        assertEquals(Optional.of(folder.toAbsolutePath()), new SessionPreferences(preferences.node("session"))
                .exportFolder());
    }

    @Test
    void aFailedExportIsOneLineInTheStatusBar() throws Exception {
        showTruthAndPrediction();
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        dialogs.file = notAFolder.resolve("labels.png");
        interact(() -> menuItem("export-label-image").fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.jobs().busy());
        String message = text("#status-message");
        assertTrue(message.startsWith("Export Label image failed: "), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(Files.exists(dialogs.file));
    }

    @Test
    void openGroundTruthReadsALabelImageOfTheSlidesSizeAndRefusesOthers() throws Exception {
        Path wrong = temp.resolve("small_labels.png");
        RasterFiles.writeLabels(SyntheticSlide.labels(0, 0, 100, 80), wrong);
        dialogs.file = wrong;
        interact(() -> menuItem("open-ground-truth").fire());
        await(() -> text("#status-message").contains("small_labels.png"));
        assertTrue(text("#status-message").contains("100 x 80 px but the slide is 6000 x 4000 px"),
                text("#status-message"));
        assertTrue(app.workbench().session().layers().isEmpty());

        Path folder = Files.createDirectories(temp.resolve("dataset"));
        // Only a corner is labelled, renumbered 1..n: a small 16-bit PNG, still the slide's size.
        LabelImage corner = SyntheticSlide.labels(0, 0, 600, 400);
        int[] sorted = java.util.Arrays.stream(corner.labels()).distinct().sorted().toArray();
        for (int i = 0; i < corner.labels().length; i++) {
            corner.labels()[i] = java.util.Arrays.binarySearch(sorted, corner.labels()[i]);
        }
        LabelImage truth = MatchLayers.crop(new InstanceLayer("corner", 0, 0, corner, 0), 0, 0, 6000, 4000);
        dialogs.file = RasterFiles.writeLabels(truth, folder.resolve("truth.png"));
        interact(() -> menuItem("open-ground-truth").fire());
        await(() -> !app.workbench().session().layers().isEmpty());
        InstanceLayer layer = app.workbench().session().layers().get(0).layer();
        assertEquals(LayerRoles.GROUND_TRUTH, layer.name());
        assertEquals(distinctIds(truth), layer.count());
        assertEquals(Optional.of(folder.toAbsolutePath()), new SessionPreferences(preferences.node("session"))
                .datasetFolder());
    }

    /**
     * A real drag from another application (a file manager) cannot run headless: Monocle has no other window to
     * drag from. The drag-over and drop events are fired on the viewer as the platform would, with a dragboard
     * holding the file, so the viewer's own handlers run as in a real drop.
     */
    @Test
    void droppingAFileOnTheViewerOpensIt() throws Exception {
        Path dropped = temp.resolve("dropped.tif");
        SlideViewer viewer = app.workbench().viewer();
        List<DragEvent> seen = new ArrayList<>();
        List<TransferMode> accepted = new ArrayList<>();
        interact(() -> {
            Dragboard dragboard = DragboardHelper.createDragboard(new DragSource());
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(dropped.toFile()));
            dragboard.setContent(content);
            DragEvent over = new DragEvent(DragEvent.DRAG_OVER, dragboard, 100, 100, 100, 100, TransferMode.COPY,
                    null, null, null);
            viewer.fireEvent(over);
            accepted.add(over.getAcceptedTransferMode());
            DragEvent drop = new DragEvent(viewer, viewer, DragEvent.DRAG_DROPPED, dragboard, 100, 100, 100, 100,
                    TransferMode.COPY, null, null, null);
            viewer.addEventFilter(DragEvent.DRAG_DROPPED, seen::add);
            viewer.fireEvent(drop);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.workbench().session().currentSlide().name().equals("dropped.tif"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("dropped.tif \u2013 HistoPrune", app.workbench().getScene().getWindow() instanceof javafx.stage.Stage
                stage ? stage.getTitle() : "");
        assertEquals(1, seen.size());
        assertEquals(List.of(TransferMode.COPY), accepted, "the viewer accepts a dragged file");
        assertEquals(dropped.toAbsolutePath(), new RecentFiles(preferences.node("recent")).list().get(0));
    }

    @Test
    void theWindowReopensWhereItWasLeft() throws Exception {
        javafx.stage.Stage stage = (javafx.stage.Stage) app.workbench().getScene().getWindow();
        interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        FxToolkit.cleanupApplication(app);
        SessionPreferences.WindowBounds saved = new SessionPreferences(preferences.node("session")).window()
                .orElseThrow();
        assertEquals(new SessionPreferences.WindowBounds(40, 30, 1000, 700, false), saved);
        launch();
        javafx.stage.Stage reopened = (javafx.stage.Stage) app.workbench().getScene().getWindow();
        assertEquals(1000, reopened.getWidth(), 1);
        assertEquals(700, reopened.getHeight(), 1);
        assertEquals(40, reopened.getX(), 1);
        assertEquals(30, reopened.getY(), 1);
    }

    /** What a file manager offers during a drag: its content, to be copied. */
    private static final class DragSource implements TKClipboard {
        private final java.util.Map<DataFormat, Object> content = new java.util.HashMap<>();

        @Override
        @SuppressWarnings("removal")
        public void setSecurityContext(java.security.AccessControlContext context) {
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... entries) {
            for (Pair<DataFormat, Object> entry : entries) {
                content.put(entry.getKey(), entry.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return EnumSet.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offset) {
        }

        @Override
        public void setDragViewOffsetY(double offset) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    /** Ground truth over the top-left quarter and the prediction of the region, then waits for the match. */
    private void showTruthAndPrediction() throws Exception {
        interact(() -> {
            app.workbench().session().addLayer(new InstanceLayer(LayerRoles.GROUND_TRUTH, 0, 0,
                    SyntheticSlide.labels(0, 0, 3000, 2000), OpenedSlide.GROUND_TRUTH_RGB));
            app.workbench().session().addLayer(new InstanceLayer("Prediction", X0, Y0, prediction(), SegmentTask.PREDICTION_RGB));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.workbench().matchPanel().current() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The region's true nuclei, less the missed ones, with the shrunk ones cut to a dot at their centre. */
    private static LabelImage prediction() {
        LabelImage labels = SyntheticSlide.labels(X0, Y0, SIDE, SIDE);
        int[] ids = labels.labels();
        for (int[] cell : MISSED) {
            erase(ids, idOf(cell));
        }
        for (int[] cell : SHRUNK) {
            int id = idOf(cell);
            erase(ids, id);
            double[] centre = SyntheticSlide.centreOf(cell[0], cell[1]);
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    ids[((int) centre[1] - Y0 + dy) * SIDE + (int) centre[0] - X0 + dx] = id;
                }
            }
        }
        return labels;
    }

    private static int idOf(int[] cell) {
        double[] centre = SyntheticSlide.centreOf(cell[0], cell[1]);
        return SyntheticSlide.nucleusAt((int) centre[0], (int) centre[1]);
    }

    private static void erase(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ids[i] == id ? 0 : ids[i];
        }
    }

    private static int distinctIds(LabelImage labels) {
        return (int) java.util.Arrays.stream(labels.labels()).filter(id -> id != 0).distinct().count();
    }

    private void exportAs(String id, Path expected) throws Exception {
        interact(() -> menuItem(id).fire());
        await(() -> !app.jobs().busy() && Files.exists(expected));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text("#status-message").startsWith("Exported "), text("#status-message"));
    }

    /** Waits up to a minute (the machine may be busy), failing with the status bar's message. */
    private void await(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; status: " + text("#status-message"));
        }
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = lookup(".menu-bar").queryAs(MenuBar.class);
        List<MenuItem> items = new ArrayList<>(bar.getMenus());
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).getId())) {
                return items.get(i);
            }
            if (items.get(i) instanceof Menu menu) {
                items.addAll(menu.getItems());
            }
        }
        throw new AssertionError("no menu item #" + id);
    }

    private List<InstanceOverlay> instanceOverlays() {
        return app.workbench().viewer().state().overlays().stream().filter(InstanceOverlay.class::isInstance)
                .map(InstanceOverlay.class::cast).toList();
    }

    private BufferedImage render() {
        SlideViewer viewer = app.workbench().viewer();
        return new ViewRenderer().render(viewer.view(), viewer.state());
    }

    private static int countColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    /** The window as shown, for the README (target/screenshots). */
    private void screenshot(String name) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        BufferedImage[] image = new BufferedImage[1];
        interact(() -> image[0] = SwingFXUtils.fromFXImage(app.workbench().getScene().snapshot(null), null));
        ImageIO.write(image[0], "png", folder.resolve(name).toFile());
    }

    private String text(String query) {
        return lookup(query).queryAs(Label.class).getText();
    }
}
