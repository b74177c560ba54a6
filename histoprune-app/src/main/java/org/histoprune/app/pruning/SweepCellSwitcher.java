package org.histoprune.app.pruning;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.app.session.LayerItem;
import org.histoprune.app.session.Session;
import org.histoprune.app.viewer.SegmentTask;
import org.histoprune.app.viewer.ViewSegmenter;
import org.histoprune.experiment.CellResult;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;
import org.histoprune.render.InstanceLayer;

/**
 * With a sweep results folder open, keeps the current model at the sweep cell of the CR slider's strategy and
 * CR (CR 1: the dense cell): the cell's model is loaded in the background (the last few stay loaded, see
 * {@link CellModels}) and the view is segmented with it, or its kept segmentation of this view is shown at once.
 * A swap never happens under a running job: a segmentation is cancelled, other jobs are waited for.
 */
final class SweepCellSwitcher {
    private final Session session;
    private final ViewSegmenter segmenter;
    private final JobRunner jobs;
    private final CellModels cells;
    private final PruningPanel panel;
    private final Consumer<Runnable> whenIdle;
    private SweepCells index;
    /** The cell model file the current model came from, or null when the current model is not a cell's. */
    private Path shown;
    private Path loading;
    private boolean waiting;

    SweepCellSwitcher(Session session, ViewSegmenter segmenter, JobRunner jobs, CellModels cells, PruningPanel panel,
            Consumer<Runnable> whenIdle) {
        this.session = session;
        this.segmenter = segmenter;
        this.jobs = jobs;
        this.cells = cells;
        this.panel = panel;
        this.whenIdle = whenIdle;
        CompressionChoice compression = session.compression();
        compression.strategy().addListener((property, old, now) -> update());
        compression.log2Cr().addListener((property, old, now) -> update());
        compression.sweepResults().addListener((property, old, now) -> {
            index = null;
            cells.clear(session.currentModel());
            refresh();
        });
        session.layers().addListener((ListChangeListener<LayerItem>) change -> {
            while (change.next()) {
                change.getAddedSubList().stream().map(LayerItem::layer)
                        .filter(layer -> layer.name().equals(SegmentTask.PREDICTION_NAME))
                        .forEach(layer -> cells.keepSegmentation(session.currentModel(), session.currentSlide(), layer));
            }
        });
    }

    /** Reads the results folder again (new cells may have been stored) and shows the slider's cell. */
    void refresh() {
        Path results = session.compression().sweepResults().get();
        if (results == null) {
            panel.showCell(null);
            return;
        }
        jobs.background(() -> SweepCells.read(results), read -> {
            if (results.equals(session.compression().sweepResults().get())) {
                index = read;
                update();
            }
        }, error -> panel.showCell(error instanceof InvalidInputException ? error.getMessage()
                : "Cannot read " + results.getFileName() + ": " + error.getMessage()));
    }

    /** The current model no longer comes from a cell (a job replaced it). */
    void forgetShownCell() {
        shown = null;
    }

    private void update() {
        if (session.compression().sweepResults().get() == null) {
            return;
        }
        if (index == null) {
            refresh();
            return;
        }
        PruneTarget target = PruneTarget.of(session.compression());
        Optional<CellResult> cell = index.find(target);
        if (cell.isEmpty()) {
            panel.showCell("No sweep cell for " + target.label() + " in " + index.root().getFileName());
            return;
        }
        if (cell.get().status() != CellResult.Status.DONE) {
            panel.showCell("Sweep cell " + target.label() + ": infeasible (" + cell.get().message() + ")");
            return;
        }
        Path file = index.modelFile(cell.get());
        String description = "Sweep cell " + target.label() + " \u00b7 " + cell.get().key();
        if (file.equals(shown) && cells.model(file).orElse(null) == session.currentModel()) {
            panel.showCell("Showing " + description);
            return;
        }
        if (jobs.busy()) {
            panel.showCell(description + " \u00b7 after the running job");
            if (jobs.currentJobProperty().get() instanceof SegmentTask) {
                jobs.currentJobProperty().get().cancel();
            }
            if (!waiting) {
                waiting = true;
                whenIdle.accept(() -> {
                    waiting = false;
                    update();
                });
            }
            return;
        }
        Optional<NucleiModel> cached = cells.model(file);
        if (cached.isPresent()) {
            show(cached.get(), file, description);
            return;
        }
        panel.showCell(description + " \u00b7 loading\u2026");
        if (file.equals(loading)) {
            return;
        }
        loading = file;
        jobs.background(() -> NucleiModel.load(file), model -> {
            loading = null;
            cells.put(file, model, session.currentModel());
            update();
        }, error -> {
            loading = null;
            panel.showCell("Cannot load " + file.getFileName() + ": " + error.getMessage());
        });
    }

    /** Makes the cell's model current and shows its segmentation of the view, kept or computed now. */
    private void show(NucleiModel model, Path file, String description) {
        shown = file;
        session.setModel(model, description);
        panel.showCell("Showing " + description);
        if (session.currentSlide() == null) {
            return;
        }
        Optional<InstanceLayer> kept = cells.segmentation(model, session.currentSlide(), segmenter.region());
        if (kept.isPresent()) {
            session.addLayer(kept.get());
        } else {
            segmenter.segmentView();
        }
    }
}
