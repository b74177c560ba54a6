package org.histoprune.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Polygon;
import org.histoprune.app.pruning.TrainingLog;
import org.histoprune.experiment.Series;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The model charts: per-layer sparsity from a model's masks, and training loss following a list of steps. */
class ChartsTest extends FxRobot {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void sparsityBarsShowTheKeptShareOfEachTensorPerBranch() {
        try (NucleiModel model = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            PrunableTensor first = model.weights().tensors().get(0);
            BitSet half = new BitSet();
            half.set(0, (int) first.size() / 2);
            model.weights().setMask(first, half);
            SparsityChart chart = new SparsityChart();
            interact(() -> chart.show(model));
            assertEquals(2, chart.getData().size(), "one series per branch");
            int tensors = model.weights().tensors().size();
            assertEquals(tensors, chart.getData().stream().mapToInt(s -> s.getData().size()).sum());
            XYChart.Data<String, Number> bar = chart.getData().get(0).getData().get(0);
            assertEquals(first.layer(), bar.getXValue());
            assertEquals(100.0 * (first.size() / 2) / first.size(), bar.getYValue().doubleValue(), 1e-9);
            assertEquals(100.0, chart.getData().get(0).getData().get(1).getYValue().doubleValue(), 1e-9,
                    "an unmasked tensor keeps everything");
        }
    }

    @Test
    void lossChartFollowsTheStepsAsTheyAreAdded() {
        ObservableList<TrainingLog.Point> steps = FXCollections.observableArrayList(step(1, 0.9, 0.5));
        LossChart chart = new LossChart();
        interact(() -> chart.follow(steps));
        assertEquals(1, chart.points());
        interact(() -> steps.addAll(step(2, 0.8, 0.4), step(3, 0.7, 0.35)));
        assertEquals(3, chart.points());
        XYChart.Data<Number, Number> last = chart.getData().get(0).getData().get(2);
        assertEquals(3L, last.getXValue().longValue());
        assertEquals(0.7, last.getYValue().doubleValue(), 1e-12);
        assertEquals(0.35, chart.getData().get(1).getData().get(2).getYValue().doubleValue(), 1e-12);
        interact(steps::clear);
        assertEquals(0, chart.points(), "a new run starts an empty chart");
        interact(() -> chart.follow(null));
        interact(() -> steps.add(step(1, 1, 1)));
        assertTrue(chart.points() == 0, "no longer following");
    }

    @Test
    void aLineRepeatedOverSeedsGetsABandFromItsSmallestToItsLargestValue() {
        CurveChart chart = new CurveChart("AJI");
        TreeMap<Double, Series.Point> seeds = new TreeMap<>(Map.of(2.0, new Series.Point(0.5, 0.1, 0.4, 0.6, 3),
                4.0, new Series.Point(0.45, 0.1, 0.3, 0.55, 3)));
        TreeMap<Double, Series.Point> single = new TreeMap<>(Map.of(2.0, new Series.Point(0.5, 0, 0.5, 0.5, 1)));
        interact(() -> {
            chart.resize(400, 300);
            chart.show(List.of(new Series("global", seeds), new Series("layerwise", single)));
            chart.layout();
        });
        assertEquals(1, chart.bandCount(), "only the line with repeats");
        Polygon band = chart.lookupAll(".seed-band").stream().map(Polygon.class::cast).findFirst().orElseThrow();
        List<Double> points = band.getPoints();
        assertEquals(8, points.size(), "max at CR 2 and 4, then min at CR 4 and 2");
        NumberAxis values = (NumberAxis) chart.getYAxis();
        assertEquals(values.getDisplayPosition(0.6), points.get(1), 1e-9);
        assertEquals(values.getDisplayPosition(0.3), points.get(5), 1e-9);
        interact(() -> chart.show(List.of(new Series("layerwise", single))));
        assertEquals(0, chart.bandCount());
        assertTrue(chart.lookupAll(".seed-band").isEmpty(), "an old band does not stay behind");
    }

    private static TrainingLog.Point step(long step, double segmentation, double regression) {
        return new TrainingLog.Point(step, segmentation, regression);
    }
}
