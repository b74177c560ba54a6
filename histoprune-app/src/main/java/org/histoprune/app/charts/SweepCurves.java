package org.histoprune.app.charts;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.histoprune.app.jobs.JobRunner;
import org.histoprune.app.session.CompressionChoice;
import org.histoprune.experiment.CompressionView;
import org.histoprune.io.InvalidInputException;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Strategy;

/**
 * What the metric charts show, shared by the charts panel and the floating curves: the sweep results read
 * from {@link CompressionChoice#sweepResults()} in the background, the metric and the evaluation set chosen,
 * and the charts that follow them and mark the current CR and strategy.
 */
public final class SweepCurves {
    static final List<String> METRICS = CompressionView.FIGURE_METRICS;

    private final CompressionChoice compression;
    private final ReadOnlyObjectWrapper<SweepResults> results = new ReadOnlyObjectWrapper<>(this, "results");
    private final StringProperty metric = new SimpleStringProperty(this, "metric", METRICS.get(0));
    private final StringProperty eval = new SimpleStringProperty(this, "eval", "");
    private final ObservableList<String> evals = FXCollections.observableArrayList();
    /** The folder asked for last: a slower earlier read must not replace it. */
    private Path loading;

    public SweepCurves(CompressionChoice compression, JobRunner jobs, Consumer<String> onError) {
        this.compression = compression;
        compression.sweepResults().addListener((property, old, folder) -> {
            loading = folder;
            if (folder == null) {
                show(null);
                return;
            }
            jobs.background(() -> SweepResults.load(folder), loaded -> {
                if (folder.equals(loading)) {
                    show(loaded);
                }
            }, error -> onError.accept(error instanceof InvalidInputException ? error.getMessage()
                    : "Cannot read sweep results " + folder + ": " + error.getMessage()));
        });
    }

    /** The results shown, or null; changes on the FX thread. */
    public ReadOnlyObjectProperty<SweepResults> results() {
        return results.getReadOnlyProperty();
    }

    /** One of {@link #METRICS}. */
    StringProperty metric() {
        return metric;
    }

    public StringProperty eval() {
        return eval;
    }

    /** Evaluation sets of the results shown. */
    ObservableList<String> evals() {
        return evals;
    }

    /** Shows results read elsewhere (tests, or a sweep that just finished). */
    void show(SweepResults loaded) {
        evals.setAll(loaded == null ? List.of() : loaded.view().evals());
        if (loaded != null && !evals.contains(eval.get())) {
            eval.set(loaded.view().primary(null));
        }
        results.set(loaded);
    }

    /** A new chart of the chosen metric against CR that follows the choices and the results. */
    CurveChart metricChart() {
        CurveChart chart = newChart("");
        Runnable refresh = () -> {
            SweepResults shown = results.get();
            chart.show(shown == null ? List.of() : shown.metric(eval.get(), metric.get()));
            chart.getYAxis().setLabel(label(metric.get()));
            chart.setTitle(shown == null ? "No sweep results" : label(metric.get()) + " ("
                    + CompressionView.branchOf(metric.get()) + ") \u00b7 " + eval.get());
        };
        onChange(refresh, results, metric, eval);
        return chart;
    }

    /** A new chart of inference seconds per image against CR. */
    CurveChart inferenceChart() {
        CurveChart chart = newChart("seconds per image");
        onChange(() -> chart.show(results.get() == null ? List.of() : results.get().inferenceSeconds()), results);
        return chart;
    }

    /**
     * The chart line of a strategy pruning {@code branches}, named as the report names it (both branches: the
     * merged cells of the two chains).
     */
    public static String lineOf(Strategy strategy, PrunedBranches branches) {
        return strategy.cliName() + (branches == PrunedBranches.BOTH || strategy.structured() ? ""
                : " " + branches.cliName());
    }

    static String label(String metric) {
        return metric.equals("dice") ? "Dice" : metric.toUpperCase(Locale.ROOT);
    }

    private CurveChart newChart(String valueLabel) {
        CurveChart chart = new CurveChart(valueLabel);
        chart.markedLog2Cr().bind(compression.log2Cr());
        chart.markedLine().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> lineOf(compression.strategy().get(), compression.branches().get()), compression.strategy(),
                compression.branches()));
        return chart;
    }

    private static void onChange(Runnable refresh, Observable... sources) {
        for (Observable source : sources) {
            source.addListener(observable -> refresh.run());
        }
        refresh.run();
    }
}
