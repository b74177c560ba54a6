package org.histoprune.app.pruning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.histoprune.app.files.FileDialogs;
import org.histoprune.app.jobs.FxThread;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.jobs.StatusBar;
import org.histoprune.app.session.Session;
import org.histoprune.app.viewer.ViewSegmenter;
import org.histoprune.experiment.ResultStore;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;
import org.histoprune.prune.Strategy;

/**
 * What the pruning section does: Prune, Train and Sweep as background jobs whose resulting model becomes the
 * session's current one (then the view is segmented again), the data folder, opening sweep results and saving
 * the model. The slider's sweep-cell swaps are the {@link SweepCellSwitcher}'s.
 */
public final class PruningControls {
    private final Session session;
    private final ViewSegmenter segmenter;
    private final Window owner;
    private final FileDialogs dialogs;
    private final JobRunner jobs;
    private final FxThread fx;
    private final StatusBar status;
    private final PruningPreferences settings;
    private final TrainingLog trainingLog = new TrainingLog();
    private final PruningPanel panel;
    private final SweepCellSwitcher switcher;

    /** {@code owner} owns the dialogs; {@code preferences} is the pruning settings' node. */
    public PruningControls(Session session, ViewSegmenter segmenter, Window owner, FileDialogs dialogs,
            Preferences preferences, JobRunner jobs, FxThread fx, StatusBar status, CellModels cellModels) {
        this.session = session;
        this.segmenter = segmenter;
        this.owner = owner;
        this.dialogs = dialogs;
        this.jobs = jobs;
        this.fx = fx;
        this.status = status;
        this.settings = new PruningPreferences(preferences);
        this.panel = new PruningPanel(session.compression(), session.model(), jobs);
        this.switcher = new SweepCellSwitcher(session, segmenter, jobs, cellModels, panel, jobs::whenIdle);
        var noJob = jobs.currentJobProperty().isNull();
        var withModel = session.model().isNotNull();
        panel.pruneButton().disableProperty().bind(noJob.and(withModel)
                .and(session.compression().log2Cr().greaterThan(0)).not());
        panel.trainButton().disableProperty().bind(noJob.not());
        panel.sweepButton().disableProperty().bind(noJob.and(withModel).not());
        panel.pruneButton().setOnAction(event -> prune());
        panel.trainButton().setOnAction(event -> train());
        panel.sweepButton().setOnAction(event -> sweep());
        panel.chooseDataButton().setOnAction(event -> chooseDataFolder());
        panel.clearDataButton().setOnAction(event -> setDataFolder(null));
        panel.showDataFolder(settings.dataFolder().orElse(null));
    }

    public PruningPanel panel() {
        return panel;
    }

    /** Losses of the latest Train job or Prune retraining, for the loss chart. */
    public TrainingLog trainingLog() {
        return trainingLog;
    }

    /** File menu: "Open sweep results…". */
    public MenuItem openResultsItem() {
        MenuItem item = new MenuItem("Open sweep results\u2026");
        item.setId("open-sweep-results");
        item.setOnAction(event -> openSweepResults());
        return item;
    }

    /** File menu: "Save pruned model…". */
    public MenuItem saveModelItem() {
        MenuItem item = new MenuItem("Save pruned model\u2026");
        item.setId("save-model");
        item.disableProperty().bind(session.model().isNull());
        item.setOnAction(event -> saveModel());
        return item;
    }

    void prune() {
        NucleiModel model = session.currentModel();
        PruneTarget target = PruneTarget.of(session.compression());
        if (model == null || jobs.busy() || target.dense()) {
            return;
        }
        Path data = settings.dataFolder().orElse(null);
        if (target.strategy() == Strategy.TAYLOR && data == null) {
            status.showError("Taylor importance is measured on data: choose a data folder first");
            return;
        }
        trainingLog.clear();
        PruneTask task = new PruneTask(model, target, data, settings.retrainSteps(), settings.crop(), logger());
        task.setOnSucceeded(event -> adopt(task.getValue(), "Pruned to " + target.label()));
        jobs.start(task);
    }

    void train() {
        if (jobs.busy()) {
            return;
        }
        dataFolder("Dataset folder to train on").ifPresent(data -> {
            trainingLog.clear();
            TrainTask task = new TrainTask(session.currentModel(), data, settings.trainSteps(), settings.crop(), logger());
            task.setOnSucceeded(event -> adopt(task.getValue(), "Trained on " + data.getFileName()));
            jobs.start(task);
        });
    }

    void sweep() {
        NucleiModel model = session.currentModel();
        if (model == null || jobs.busy()) {
            return;
        }
        Optional<Path> data = dataFolder("Dataset folder for retraining");
        Optional<Path> results = data.flatMap(folder -> dialogs.chooseFolder(owner, "Sweep results folder",
                settings.resultsFolder()));
        if (results.isEmpty()) {
            return;
        }
        settings.setResultsFolder(results.get());
        Path eval = SweepTask.evaluationFolderFor(data.get());
        SweepTask task = new SweepTask(model, session.compression().strategy().get(), results.get(), data.get(), eval,
                settings);
        // finished cells are worth showing whether the sweep ended or was stopped
        task.setOnSucceeded(event -> showResults(results.get()));
        task.setOnCancelled(event -> showResults(results.get()));
        jobs.start(task);
        status.showMessage("Sweep into " + results.get().getFileName() + ", evaluated on " + eval.getFileName());
    }

    /** Makes an existing results folder the one the CR slider shows cells of. */
    public void openSweepResults() {
        Optional<Path> chosen = dialogs.chooseFolder(owner, "Open sweep results", settings.resultsFolder());
        // only a check here: the cell switcher reads the cells once the folder is set
        chosen.ifPresent(results -> jobs.background(() -> ResultStore.existing(results), store -> {
            settings.setResultsFolder(results);
            showResults(results);
        }, error -> status.showError(error instanceof InvalidInputException ? error.getMessage()
                : "Cannot read " + results.getFileName() + ": " + error.getMessage())));
    }

    /** Asks where, then writes the current model as a job: after the running one, if any. */
    public void saveModel() {
        NucleiModel model = session.currentModel();
        if (model == null) {
            return;
        }
        String name = String.format(Locale.ROOT, "histoprune-%s.hpm", PruneTarget.of(session.compression()).label()
                .replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", ""));
        // A job, so that a model swap waits for the write instead of closing the model under it.
        dialogs.chooseModelTarget(owner, name).ifPresent(target ->
                jobs.whenIdle(() -> jobs.start(new SaveModelTask(model, target))));
    }

    /** A job's new model becomes the current one and the view is segmented with it. */
    private void adopt(NucleiModel model, String source) {
        if (model == null) {
            return;
        }
        switcher.forgetShownCell();
        session.setModel(model, source);
        jobs.whenIdle(segmenter::segmentView);
    }

    private void showResults(Path results) {
        if (!Files.isDirectory(results.resolve("cells"))) {
            return;
        }
        if (results.equals(session.compression().sweepResults().get())) {
            switcher.refresh();
        } else {
            session.compression().sweepResults().set(results);
        }
    }

    private Optional<Path> dataFolder(String title) {
        Optional<Path> known = settings.dataFolder();
        if (known.isPresent()) {
            return known;
        }
        Optional<Path> chosen = dialogs.chooseFolder(owner, title, Optional.empty());
        chosen.ifPresent(this::setDataFolder);
        return chosen;
    }

    private void chooseDataFolder() {
        dialogs.chooseFolder(owner, "Dataset folder (images with labels)", settings.dataFolder())
                .ifPresent(this::setDataFolder);
    }

    private void setDataFolder(Path folder) {
        settings.setDataFolder(folder);
        panel.showDataFolder(folder);
    }

    private Consumer<TrainingLog.Point> logger() {
        return fx.consumer(trainingLog::add);
    }
}
