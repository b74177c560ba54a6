package org.histoprune.app.charts;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.histoprune.nn.Branch;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;

/** Per-layer bars of the weights a model keeps (alive / size of each prunable tensor), one series per branch. */
final class SparsityChart extends BarChart<String, Number> {
    SparsityChart() {
        super(new CategoryAxis(), new NumberAxis("weights kept (%)", 0, 100, 25));
        setAnimated(false);
        setBarGap(0);
        setCategoryGap(2);
        getStyleClass().add("sparsity-chart");
        getXAxis().setTickLabelRotation(-90);
    }

    /** Shows the model's masks now (cheap: mask counts only); null clears the chart. */
    void show(NucleiModel model) {
        getData().clear();
        if (model == null) {
            setTitle("No model");
            return;
        }
        ModelWeights weights = model.weights();
        Map<Branch, XYChart.Series<String, Number>> series = new EnumMap<>(Branch.class);
        long alive = 0;
        long size = 0;
        for (PrunableTensor tensor : weights.tensors()) {
            long kept = weights.alive(tensor);
            alive += kept;
            size += tensor.size();
            series.computeIfAbsent(tensor.branch(), branch -> {
                XYChart.Series<String, Number> added = new XYChart.Series<>();
                added.setName(branch.key());
                return added;
            }).getData().add(new XYChart.Data<>(tensor.layer(), 100.0 * kept / tensor.size()));
        }
        getData().addAll(series.values());
        setTitle(String.format(java.util.Locale.ROOT, "%.1f %% of %,d conv weights kept", 100.0 * alive / size, size));
    }
}
