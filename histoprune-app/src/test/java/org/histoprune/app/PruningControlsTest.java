package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import org.histoprune.app.files.ScriptedDialogs;
import org.histoprune.app.files.SlideOpener;
import org.histoprune.app.pruning.SweepTask;
import org.histoprune.app.pruning.TrainingLog;
import org.histoprune.app.session.LayerItem;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.data.TinyDataset;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.Preset;
import org.histoprune.experiment.Recipe;
import org.histoprune.experiment.ResultStore;
import org.histoprune.experiment.Sweep;
import org.histoprune.experiment.SweepPlan;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.TilingOptions;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.Strategy;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.SyntheticSlide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pruning section driven headless with a tiny model (U-Net base 4, depth 2): read-outs follow the CR
 * slider, a real Prune job replaces the model, a long Train job is cancelled, and an open sweep's cells are
 * swapped in as the slider moves.
 */
class PruningControlsTest extends FxRobot {
    /** How long a job may take before the test gives up: generous, the machine may be shared (not a speed check). */
    private static final long WAIT_SECONDS = 900;

    @TempDir
    Path temp;
    private Preferences preferences;
    private HistoPruneApp app;
    private ScriptedDialogs dialogs;
    private JobFailures jobFailures;

    @BeforeEach
    void start() throws Exception {
        preferences = Preferences.userRoot().node("org/histoprune/test/pruning-" + UUID.randomUUID());
        Preferences pruning = preferences.node("pruning");
        pruning.putInt("crop", 64);
        pruning.putInt("retrainSteps", 2);
        pruning.putInt("trainSteps", 100_000);
        Path slidePath = temp.resolve("synthetic.tif");
        SlideOpener opener = path -> new SyntheticSlide(path, 1200, 800, 0.25, 0);
        dialogs = new ScriptedDialogs(slidePath);
        dialogs.modelFolder = temp;
        FxToolkit.registerPrimaryStage();
        app = (HistoPruneApp) FxToolkit.setupApplication(() -> new HistoPruneApp(new Startup(opener,
                () -> Optional.of(NucleiModel.create(new UNetConfig(4, 2), 1)), preferences, Optional.of(slidePath),
                dialogs)));
        jobFailures = JobFailures.watch(app.jobs());
        jobFailures.await(WAIT_SECONDS, () -> app.workbench().session().currentModel() != null
                && app.workbench().session().currentSlide() != null);
        awaitIdle();
    }

    @AfterEach
    void stop() throws Exception {
        AppTeardown.close(app, preferences);
    }

    @Test
    void readOutsFollowTheSliderAndAnImpossibleCrShowsItsReason() throws Exception {
        Label sparsity = lookup("#readout-sparsity").queryAs(Label.class);
        Label parameters = lookup("#readout-parameters").queryAs(Label.class);
        awaitText(sparsity, "0.0 %");
        String denseParameters = parameters.getText();
        moveSlider(KeyCode.RIGHT, 2);
        assertEquals("4\u00d7", lookup("#cr-value").queryAs(Label.class).getText());
        assertEquals(2, app.workbench().session().compression().log2Cr().get());
        awaitText(sparsity, "75.0 %");
        assertTrue(lookup("#readout-speedup").queryAs(Label.class).getText().matches("[0-9.]+\u00d7.*"));

        chooseStrategy(Strategy.NM);
        awaitText(sparsity, "75.0 %");
        chooseStrategy(Strategy.L1_FILTER);
        jobFailures.await(WAIT_SECONDS, () -> !parameters.getText().equals(denseParameters)
                && parameters.getParent().getOpacity() == 1);
        assertEquals("0.0 %", sparsity.getText(), "filter pruning shrinks the network instead of masking it");

        chooseStrategy(Strategy.LAYERWISE);
        moveSlider(KeyCode.RIGHT, 7);
        assertEquals(9, app.workbench().session().compression().log2Cr().get(), "the slider stops at 512x");
        Label problem = lookup("#readout-problem").queryAs(Label.class);
        jobFailures.await(WAIT_SECONDS, problem::isVisible);
        assertTrue(problem.getText().startsWith("layer-wise CR 512") && problem.getText().contains("would leave"),
                problem.getText());
        assertFalse(problem.getText().contains("Exception") || problem.getText().contains("\n"), problem.getText());
        assertFalse(sparsity.getParent().isVisible(), "no numbers for an impossible CR");

        moveSlider(KeyCode.HOME, 1);
        awaitText(sparsity, "0.0 %");
        assertTrue(lookup("#prune").queryAs(Button.class).isDisabled(), "nothing to prune at 1x");
    }

    @Test
    void pruneReplacesTheModelAndSegmentsTheViewAgain() throws Exception {
        NucleiModel before = app.workbench().session().currentModel();
        moveSlider(KeyCode.RIGHT, 3);
        press("#prune");
        awaitIdle();
        NucleiModel after = app.workbench().session().currentModel();
        assertNotSame(before, after, "the pruned model is the current one");
        assertEquals(0.875, ModelCost.of(after).sparsity(), 0.001);
        assertTrue(lookup("#model-name").queryAs(Label.class).getText().startsWith("Pruned to network-wide 8\u00d7"));
        assertTrue(app.workbench().session().layers().stream().anyMatch(item -> item.layer().name().equals("Prediction")));

        interact(() -> app.workbench().pruning().saveModel());
        Path saved = temp.resolve("histoprune-network-wide-8.hpm");
        jobFailures.await(WAIT_SECONDS, () -> Files.isRegularFile(saved));
        try (NucleiModel reloaded = NucleiModel.load(saved)) {
            assertEquals(0.875, ModelCost.of(reloaded).sparsity(), 0.001);
        }
    }

    @Test
    void aLongTrainingIsCancelledWithinAStepAndLeavesTheModel() throws Exception {
        dialogs.folder = TinyDataset.write(temp.resolve("data"), 3, 10);
        NucleiModel before = app.workbench().session().currentModel();
        TrainingLog log = app.workbench().pruning().trainingLog();
        press("#train");
        Task<?> job = app.jobs().currentJobProperty().get();
        assertNotNull(job, "training runs as a job");
        jobFailures.await(WAIT_SECONDS, () -> log.points().size() >= 2);
        assertTrue(log.points().get(1).step() > log.points().get(0).step());
        clickOn("#job-cancel");
        jobFailures.await(30, () -> !app.jobs().busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(job.isCancelled());
        int steps = log.points().size();
        Thread.sleep(1000);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(steps, log.points().size(), "no step after the cancel");
        assertSame(before, app.workbench().session().currentModel(), "a cancelled training keeps the model");
        assertTrue(lookup("#status-message").queryAs(Label.class).getText().endsWith("cancelled"));
        assertFalse(lookup("#train").queryAs(Button.class).isDisabled(), "the UI is usable again");
        assertEquals(dialogs.folder.toAbsolutePath().toString(), preferences.node("pruning").get("dataFolder", null),
                "the data folder is remembered");
    }

    @Test
    void anOpenSweepSwapsTheCellModelsAsTheSliderMoves() throws Exception {
        Label cell = openTinySweep();
        NucleiModel dense = app.workbench().session().currentModel();
        InstanceLayer denseLayer = prediction();

        moveSlider(KeyCode.RIGHT, 2);
        awaitStart(cell, "Showing Sweep cell network-wide 4\u00d7");
        awaitIdle();
        assertNotSame(dense, app.workbench().session().currentModel());
        assertEquals(0.75, ModelCost.of(app.workbench().session().currentModel()).sparsity(), 0.001);
        assertNotSame(denseLayer, prediction(), "the view is segmented with the 4x cell");

        moveSlider(KeyCode.LEFT, 2);
        // the 2x cell's segmentation, cancelled on the way, ends before the swap: no load, no new segmentation
        awaitStart(cell, "Showing Sweep cell dense (1\u00d7)");
        awaitIdle();
        assertSame(dense, app.workbench().session().currentModel(), "going back needs no load: the dense cell stayed");
        assertSame(denseLayer, prediction(), "and so did its segmentation of this view");
        assertFalse(app.jobs().busy());

        chooseStrategy(Strategy.LAYERWISE);
        moveSlider(KeyCode.RIGHT, 1);
        awaitStart(cell, "No sweep cell for layer-wise 2\u00d7");
    }

    @Test
    void theSweepButtonRunsASweepWhoseCellsTheSliderThenShows() throws Exception {
        Preferences pruning = preferences.node("pruning");
        pruning.putInt("sweepMaxCr", 4);
        pruning.putInt("retrainSteps", 1);
        pruning.putInt("evalTile", 64);
        Path data = TinyDataset.write(temp.resolve("data"), 3, 10);
        interact(() -> app.workbench().pruning().panel().showDataFolder(null));
        dialogs.folder = data;
        press("#choose-data");
        assertEquals("data", lookup("#data-folder").queryAs(Label.class).getText());
        Path results = temp.resolve("app-results");
        dialogs.folder = results;
        moveSlider(KeyCode.RIGHT, 1);
        press("#sweep");
        assertTrue(app.jobs().currentJobProperty().get() instanceof SweepTask);
        Label cell = lookup("#sweep-cell").queryAs(Label.class);
        awaitStart(cell, "Showing Sweep cell network-wide 2\u00d7");
        assertEquals(results, app.workbench().session().compression().sweepResults().get());
        assertEquals(13, new ResultStore(results).all().size(), "dense + {layer-wise, network-wide} x {2, 4} x"
                + " (segmentation chain, regression chain, merged)");
        awaitIdle();
        screenshot("pruning-section.png");
    }

    @Test
    void cancellingSegmentationsWhileTheSliderMovesFreesNoModelInUseAndShowsTheLastChoice() throws Exception {
        Label cell = openTinySweep();
        Set<NucleiModel> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(app.workbench().session().currentModel());
        interact(() -> app.workbench().session().model().addListener((property, old, now) -> seen.add(now)));
        java.util.Random random = new java.util.Random(13);
        int log2Cr = 0;
        for (int round = 0; round < 20; round++) {
            interact(() -> {
                app.workbench().segmenter().segmentView(); // no-op while the last swap's segmentation runs
                Task<?> job = app.jobs().currentJobProperty().get();
                if (job != null) {
                    job.cancel();
                }
            });
            int next = (log2Cr + 1 + random.nextInt(2)) % 3;
            moveSlider(next > log2Cr ? KeyCode.RIGHT : KeyCode.LEFT, Math.abs(next - log2Cr));
            log2Cr = next;
        }
        String last = log2Cr == 0 ? "dense (1\u00d7)" : "network-wide " + (1 << log2Cr) + "\u00d7";
        awaitStart(cell, "Showing Sweep cell " + last);
        awaitIdle();
        NucleiModel current = app.workbench().session().currentModel();
        assertEquals(1 - 1.0 / (1 << log2Cr), ModelCost.of(current).sparsity(), 0.001, "the model of " + last);
        InstanceLayer shown = prediction();
        SegmentTask again = new SegmentTask(current, app.workbench().session().currentSlide().reader(),
                app.workbench().segmenter().region(), TilingOptions.forNetwork(current.config()));
        again.run();
        assertArrayEquals(again.get().labels().labels(), shown.labels().labels(), "the view is " + last + "'s");
        seen.remove(null);
        for (NucleiModel model : seen) {
            boolean inUse = model == current || app.workbench().cellModels().holds(model);
            assertEquals(!inUse, model.isClosed(), inUse ? "a model in use was closed" : "a dropped model leaked");
        }
    }

    /** Opens {@link #tinySweep()}'s results and waits for its dense cell; returns the cell label. */
    private Label openTinySweep() throws Exception {
        dialogs.folder = tinySweep();
        interact(() -> app.workbench().pruning().openSweepResults());
        Label cell = lookup("#sweep-cell").queryAs(Label.class);
        awaitStart(cell, "Showing Sweep cell dense (1\u00d7)");
        awaitIdle();
        return cell;
    }

    /** A real sweep (network-wide, CR 1..4, no retraining) of a tiny model over three synthetic tiles. */
    private Path tinySweep() throws Exception {
        Path data = TinyDataset.write(temp.resolve("sweep-data"), 3, 10);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 7)) {
            dense.save(model);
        }
        Path results = temp.resolve("results");
        SweepPlan plan = Preset.QUICK.plan(CellSpec.Study.COMPRESSION).withStrategies(List.of("global"))
                .withCrs(SweepPlan.powersOfTwo(4)).withRecipe(new Recipe(0, 1, 64, false, 64, false));
        List<CellSpec> grid = plan.cells(model, data, Map.of("synthetic", data));
        new Sweep(new ResultStore(results), model, "test").run(grid);
        assertEquals(1 + 2 * 3, new ResultStore(results).all().size(), "dense + CR {2, 4} x (two chains, merged)");
        return results;
    }

    private void screenshot(String name) throws Exception {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        java.awt.image.BufferedImage[] image = new java.awt.image.BufferedImage[1];
        interact(() -> image[0] = javafx.embed.swing.SwingFXUtils.fromFXImage(app.workbench().getScene().snapshot(null),
                null));
        javax.imageio.ImageIO.write(image[0], "png", folder.resolve(name).toFile());
    }

    private InstanceLayer prediction() {
        return app.workbench().session().layers().stream().map(LayerItem::layer)
                .filter(layer -> layer.name().equals("Prediction")).findFirst().orElseThrow();
    }

    /** Clicks a button of the pruning section, the side panel's last, scrolled into view first. */
    private void press(String id) {
        interact(() -> lookup(".side-panel").queryAs(ScrollPane.class).setVvalue(1));
        clickOn(id);
    }

    private void moveSlider(KeyCode key, int times) {
        Slider slider = lookup("#cr-slider").queryAs(Slider.class);
        interact(slider::requestFocus);
        for (int i = 0; i < times; i++) {
            type(key);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private void chooseStrategy(Strategy strategy) {
        ChoiceBox<Strategy> choice = lookup("#prune-strategy").queryAs(ChoiceBox.class);
        interact(() -> choice.setValue(strategy));
        assertEquals(strategy, app.workbench().session().compression().strategy().get());
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        jobFailures.await(WAIT_SECONDS, () -> !app.jobs().busy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitStart(Label label, String start) throws Exception {
        try {
            jobFailures.await(WAIT_SECONDS, () -> label.getText().startsWith(start));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("expected '" + start + "...', the label says '" + label.getText() + "'");
        }
    }

    private void awaitText(Label label, String text) throws Exception {
        jobFailures.await(WAIT_SECONDS, () -> label.getText().equals(text)
                && label.getParent().getOpacity() == 1);
    }
}
