package org.histoprune.app.charts;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.histoprune.app.pruning.TrainingLog;

/** Training loss as it comes: segmentation and regression loss against the optimizer step. */
final class LossChart extends LineChart<Number, Number> {
    private final XYChart.Series<Number, Number> segmentation = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> regression = new XYChart.Series<>();
    private final ListChangeListener<TrainingLog.Point> appender = change -> {
        while (change.next()) {
            if (change.wasRemoved()) {
                refill(change.getList());
                return;
            }
            change.getAddedSubList().forEach(this::add);
        }
    };
    private ObservableList<TrainingLog.Point> followed;

    LossChart() {
        super(new NumberAxis(), new NumberAxis());
        getXAxis().setLabel("step");
        getYAxis().setLabel("loss");
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        setAnimated(false);
        setCreateSymbols(false);
        setTitle("Training loss");
        getStyleClass().add("loss-chart");
        segmentation.setName("segmentation");
        regression.setName("regression");
        getData().addAll(segmentation, regression);
    }

    /**
     * Follows a list of training steps (changed on the FX thread, e.g. by a train job's listener): the points so
     * far, then each one added. Null stops following.
     */
    void follow(ObservableList<TrainingLog.Point> steps) {
        if (followed != null) {
            followed.removeListener(appender);
        }
        followed = steps;
        refill(steps == null ? java.util.List.of() : steps);
        if (steps != null) {
            steps.addListener(appender);
        }
    }

    int points() {
        return Math.max(segmentation.getData().size(), regression.getData().size());
    }

    private void refill(java.util.List<? extends TrainingLog.Point> steps) {
        segmentation.getData().clear();
        regression.getData().clear();
        steps.forEach(this::add);
    }

    /** A branch that is not retrained (pruning the other branch alone) has no loss: its line gets no point. */
    private void add(TrainingLog.Point step) {
        if (Double.isFinite(step.segmentationLoss())) {
            segmentation.getData().add(new XYChart.Data<>(step.step(), step.segmentationLoss()));
        }
        if (Double.isFinite(step.regressionLoss())) {
            regression.getData().add(new XYChart.Data<>(step.step(), step.regressionLoss()));
        }
    }
}
