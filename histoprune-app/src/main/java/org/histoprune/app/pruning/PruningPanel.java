package org.histoprune.app.pruning;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.nn.NucleiModel;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Strategy;

/**
 * The pruning section: strategy and branch, the CR slider (powers of two, 1x..512x) bound to the {@link CompressionChoice},
 * live read-outs of what the current model would cost at that point (computed off the FX thread, one at a time,
 * remembered per target until the model changes), the sweep cell shown, the data folder and the job buttons.
 */
public final class PruningPanel extends VBox {
    private final CompressionChoice compression;
    private final ObservableValue<NucleiModel> model;
    private final JobRunner jobs;
    private final ChoiceBox<Strategy> strategy = new ChoiceBox<>();
    private final ChoiceBox<PrunedBranches> branch = new ChoiceBox<>();
    private final Slider cr = new Slider(0, CompressionChoice.MAX_LOG2_CR, 0);
    private final Label crValue = new Label();
    private final Label sparsity = value("readout-sparsity");
    private final Label parameters = value("readout-parameters");
    private final Label flops = value("readout-flops");
    private final Label speedup = value("readout-speedup");
    private final GridPane readout = new GridPane();
    private final Label problem = new Label();
    private final Label cell = new Label();
    private final Label dataFolder = new Label();
    private final Button chooseData = new Button("Choose\u2026");
    private final Button clearData = new Button("\u00d7");
    private final Button prune = new Button("Prune");
    private final Button train = new Button("Train");
    private final Button sweep = new Button("Sweep");
    private final Map<PruneTarget, PruneReadout> readouts = new HashMap<>();
    private NucleiModel readoutModel;
    private boolean computing;

    PruningPanel(CompressionChoice compression, ObservableValue<NucleiModel> model, JobRunner jobs) {
        super(8);
        this.compression = compression;
        this.model = model;
        this.jobs = jobs;
        strategy.setId("prune-strategy");
        strategy.getItems().addAll(Strategy.values());
        strategy.setConverter(names(PruneTarget::name));
        strategy.valueProperty().bindBidirectional(compression.strategy());
        branch.setId("prune-branch");
        branch.getItems().addAll(PrunedBranches.values());
        branch.setConverter(names(PruneTarget::name));
        branch.valueProperty().bindBidirectional(compression.branches());
        // filter pruning keeps the two branches the same shape: it always prunes both
        branch.disableProperty().bind(compression.strategy().map(Strategy::structured));
        configureSlider();
        problem.setId("readout-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("hint");
        cell.setId("sweep-cell");
        cell.setWrapText(true);
        cell.getStyleClass().add("hint");
        readout.getStyleClass().add("facts");
        readout.setHgap(12);
        readout.setVgap(4);
        readout.addRow(0, name("Sparsity"), sparsity);
        readout.addRow(1, name("Parameters"), parameters);
        readout.addRow(2, name("FLOPs"), flops);
        readout.addRow(3, name("Speedup"), speedup);
        HBox strategyRow = row(new Label("Strategy"), strategy, new Label("Branch"), branch);
        HBox crRow = row(new Label("CR"), cr, crValue);
        HBox.setHgrow(cr, Priority.ALWAYS);
        crValue.setId("cr-value");
        crValue.setMinWidth(40);
        crValue.setAlignment(Pos.CENTER_RIGHT);
        dataFolder.setId("data-folder");
        dataFolder.getStyleClass().add("fact-value");
        dataFolder.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(dataFolder, Priority.ALWAYS);
        chooseData.setId("choose-data");
        clearData.setId("clear-data");
        chooseData.getStyleClass().add("small-button");
        clearData.getStyleClass().add("small-button");
        HBox dataRow = row(new Label("Data"), dataFolder, chooseData, clearData);
        prune.setId("prune");
        train.setId("train");
        sweep.setId("sweep");
        prune.getStyleClass().add("accent-button");
        HBox buttons = new HBox(8, prune, train, sweep);
        getChildren().addAll(strategyRow, crRow, readout, problem, cell, dataRow, buttons);
        showCell(null);
        compression.strategy().addListener((property, old, now) -> refreshReadout());
        compression.branches().addListener((property, old, now) -> refreshReadout());
        compression.log2Cr().addListener((property, old, now) -> refreshReadout());
        model.addListener((property, old, now) -> refreshReadout());
        refreshReadout();
    }

    Button pruneButton() {
        return prune;
    }

    Button trainButton() {
        return train;
    }

    Button sweepButton() {
        return sweep;
    }

    Button chooseDataButton() {
        return chooseData;
    }

    Button clearDataButton() {
        return clearData;
    }

    /** Names the data folder used for retraining, training and sweeps (null: none, prune without retraining). */
    public void showDataFolder(Path folder) {
        dataFolder.setText(folder == null ? "none (prune without retraining)" : folder.getFileName().toString());
        clearData.setDisable(folder == null);
    }

    /** Says which sweep cell the view shows, or why none (null hides the line). */
    void showCell(String text) {
        cell.setText(text == null ? "" : text);
        cell.setVisible(text != null);
        cell.setManaged(text != null);
    }

    /** The slider moves in whole powers of two: the choice follows the nearest one while dragging. */
    private void configureSlider() {
        cr.setId("cr-slider");
        cr.setMajorTickUnit(1);
        cr.setMinorTickCount(0);
        cr.setBlockIncrement(1);
        cr.setSnapToTicks(true);
        cr.setShowTickMarks(true);
        cr.setShowTickLabels(true);
        cr.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double log2) {
                return Integer.toString(1 << (int) Math.round(log2));
            }

            @Override
            public Double fromString(String text) {
                return Math.log(Double.parseDouble(text)) / Math.log(2);
            }
        });
        cr.setValue(compression.log2Cr().get());
        cr.valueProperty().addListener((property, old, value) -> compression.log2Cr().set((int) Math.round(
                value.doubleValue())));
        compression.log2Cr().addListener((property, old, value) -> {
            if ((int) Math.round(cr.getValue()) != value.intValue()) {
                cr.setValue(value.intValue());
            }
        });
        crValue.textProperty().bind(compression.log2Cr().map(log2 -> (1 << log2.intValue()) + "\u00d7"));
    }

    /**
     * Shows the read-out of the current target: at once when known, else after computing it in the background.
     * While one computation runs, moves of the slider only mark the read-out stale; when it ends, the target
     * chosen by then is computed, so a fast drag costs at most one computation behind the hand.
     */
    private void refreshReadout() {
        NucleiModel current = model.getValue();
        if (current != readoutModel) {
            readouts.clear();
            readoutModel = current;
        }
        if (current == null) {
            showProblem("No model loaded");
            return;
        }
        PruneTarget target = PruneTarget.of(compression);
        PruneReadout known = readouts.get(target);
        if (known != null) {
            show(known);
            return;
        }
        readout.setOpacity(0.5);
        if (computing) {
            return;
        }
        computing = true;
        jobs.background(() -> PruneReadout.of(current, target), result -> finished(current, target, result),
                error -> finished(current, target, new PruneReadout(null, "No preview: " + error.getMessage())));
    }

    private void finished(NucleiModel computedFor, PruneTarget target, PruneReadout result) {
        computing = false;
        if (computedFor == readoutModel) {
            readouts.put(target, result);
        }
        refreshReadout();
    }

    private void show(PruneReadout result) {
        readout.setOpacity(1);
        if (result.cost() == null) {
            showProblem(result.problem());
            return;
        }
        ModelCost cost = result.cost();
        problem.setVisible(false);
        problem.setManaged(false);
        readout.setVisible(true);
        readout.setManaged(true);
        sparsity.setText(String.format(Locale.ROOT, "%.1f %%", 100 * cost.sparsity()));
        parameters.setText(String.format(Locale.ROOT, "%,d alive", cost.parameters()));
        flops.setText(String.format(Locale.ROOT, "%.2f G per %d\u00b2 tile", cost.flopsPerTile() / 1e9,
                ModelCost.TILE));
        speedup.setText(String.format(Locale.ROOT, "%.2f\u00d7 (theoretical)", cost.speedup()));
    }

    private void showProblem(String text) {
        readout.setOpacity(1);
        readout.setVisible(false);
        readout.setManaged(false);
        problem.setText(text);
        problem.setVisible(true);
        problem.setManaged(true);
    }

    private static Label value(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("fact-value");
        return label;
    }

    private static Label name(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("fact-name");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** Shows the choices of a box by {@code name}; the box is never edited as text. */
    private static <T> StringConverter<T> names(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("choices only");
            }
        };
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
