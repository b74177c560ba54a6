package org.histoprune.app.charts;

import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.Chart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.histoprune.app.icons.Icons;
import org.histoprune.app.pruning.TrainingLog;
import org.histoprune.nn.NucleiModel;

/**
 * The charts side panel: the chosen metric and inference time against CR from the sweep results (current CR
 * and strategy marked), the current model's per-layer sparsity and the live training loss; each exports to PNG.
 */
public final class ChartsPanel extends ScrollPane {
    private final CurveChart metricChart;
    private final CurveChart inferenceChart;
    private final SparsityChart sparsityChart = new SparsityChart();
    private final LossChart lossChart = new LossChart();
    private final ChartExport export;

    public ChartsPanel(SweepCurves curves, ChartExport export, Runnable openResults) {
        this.export = export;
        this.metricChart = curves.metricChart();
        this.inferenceChart = curves.inferenceChart();
        inferenceChart.setTitle("Inference time");
        getStyleClass().add("charts-panel");
        setId("charts-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(440);
        setMinWidth(340);
        Label folder = new Label();
        folder.getStyleClass().add("hint");
        folder.setId("results-folder");
        folder.textProperty().bind(curves.results().map(results -> "Sweep: " + results.folder().getFileName())
                .orElse("No sweep results open"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button open = new Button("Open results\u2026");
        open.setId("open-results");
        open.getStyleClass().add("small-button");
        open.setTooltip(new Tooltip("Show the curves of a sweep's results folder"));
        open.setOnAction(event -> openResults.run());
        HBox header = new HBox(8, folder, spacer, open);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(10, header, choices(curves),
                card("metric-chart", metricChart), card("inference-chart", inferenceChart),
                card("sparsity-chart", sparsityChart), card("loss-chart", lossChart));
        content.getStyleClass().add("charts-content");
        setContent(content);
        sparsityChart.show(null);
    }

    public CurveChart metricChart() {
        return metricChart;
    }

    public CurveChart inferenceChart() {
        return inferenceChart;
    }

    SparsityChart sparsityChart() {
        return sparsityChart;
    }

    LossChart lossChart() {
        return lossChart;
    }

    /** Shows the per-layer sparsity of the current model (again after it was pruned in place). */
    public void showModel(NucleiModel model) {
        sparsityChart.show(model);
    }

    /** Plots a training run's steps as they are added (on the FX thread) to {@code steps}. */
    public void followTraining(ObservableList<TrainingLog.Point> steps) {
        lossChart.follow(steps);
    }

    private static HBox choices(SweepCurves curves) {
        SegmentedButton metrics = new SegmentedButton();
        ToggleGroup group = metrics.getToggleGroup();
        for (String metric : SweepCurves.METRICS) {
            ToggleButton button = new ToggleButton(SweepCurves.label(metric));
            button.setId("metric-" + metric);
            button.setUserData(metric);
            metrics.getButtons().add(button);
            button.setSelected(metric.equals(curves.metric().get()));
        }
        group.selectedToggleProperty().addListener((property, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one metric is always shown
            } else {
                curves.metric().set((String) now.getUserData());
            }
        });
        ChoiceBox<String> evals = new ChoiceBox<>(curves.evals());
        evals.setId("eval-choice");
        evals.valueProperty().bindBidirectional(curves.eval());
        evals.setTooltip(new Tooltip("Evaluation set"));
        HBox row = new HBox(8, metrics, evals);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox card(String id, Chart chart) {
        chart.setId(id);
        chart.setPrefHeight(260);
        chart.setMinHeight(220);
        Button png = new Button("PNG", Icons.icon(Icons.EXPORT));
        png.setId("export-" + id);
        png.getStyleClass().add("small-button");
        png.setTooltip(new Tooltip("Export this chart as PNG"));
        png.setOnAction(event -> export.export(chart, id + ".png"));
        HBox bar = new HBox(png);
        bar.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(2, bar, chart);
        card.getStyleClass().add("chart-card");
        return card;
    }
}
