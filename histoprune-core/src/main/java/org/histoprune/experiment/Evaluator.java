package org.histoprune.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.metrics.InstanceMetrics;
import org.histoprune.metrics.InstanceScores;
import org.histoprune.metrics.MetricMeans;
import org.histoprune.metrics.PixelMetrics;
import org.histoprune.metrics.PixelScores;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Prediction;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstanceParameters;
import org.histoprune.segment.InstancePipeline;
import org.histoprune.segment.TargetMaps;

/**
 * Scores a model on evaluation sets, image by image: the segmentation branch (pixel Dice, accuracy,
 * sensitivity, specificity, precision, cross-entropy), the regression branch (MSE against the normalised
 * distance target) and the merged instances (AJI, AJI+, PQ, DQ, SQ). Also times the prediction. Metric names are
 * the keys of {@link CellResult#metrics()}.
 */
final class Evaluator {
    static final String SECONDS_PER_IMAGE = "seconds_per_image";

    private final TilingOptions tiling;
    private final InstancePipeline pipeline = new InstancePipeline(InstanceParameters.defaults());

    Evaluator(int tile) {
        this.tiling = TilingOptions.defaults().withTile(tile);
    }

    /** Metrics per evaluation set; {@code cancelled} is polled between images. */
    Map<String, Map<String, Double>> evaluate(Path modelFile, Map<String, String> evals, BooleanSupplier cancelled) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        try (NucleiModel model = NucleiModel.load(modelFile)) {
            for (Map.Entry<String, String> eval : evals.entrySet()) {
                all.put(eval.getKey(), evaluate(model, DatasetLoaders.detect(Path.of(eval.getValue())), cancelled));
            }
        }
        return all;
    }

    private Map<String, Double> evaluate(NucleiModel model, Dataset dataset, BooleanSupplier cancelled) {
        List<PixelScores> pixels = new ArrayList<>();
        List<InstanceScores> objects = new ArrayList<>();
        double mse = 0;
        double seconds = 0;
        for (Dataset.Sample sample : dataset) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("evaluation cancelled");
            }
            long start = System.nanoTime();
            Prediction prediction = model.predict(sample.image(), tiling);
            seconds += (System.nanoTime() - start) / 1e9;
            LabelImage truth = sample.labels();
            pixels.add(PixelMetrics.score(prediction.foreground(), truth));
            FloatMap target = TargetMaps.normalizedDistance(truth);
            mse += PixelMetrics.meanSquaredError(prediction.distance(), target);
            objects.add(InstanceMetrics.score(truth, pipeline.run(prediction.foreground(), prediction.distance())));
        }
        int count = pixels.size();
        PixelScores pixel = MetricMeans.of(PixelScores.class, pixels);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("images", (double) count);
        metrics.put("dice", pixel.dice());
        metrics.put("accuracy", pixel.accuracy());
        metrics.put("sensitivity", pixel.sensitivity());
        metrics.put("specificity", pixel.specificity());
        metrics.put("precision", pixel.precision());
        metrics.put("cross_entropy", pixel.crossEntropy());
        metrics.put("mse", mse / count);
        InstanceScores mean = MetricMeans.of(InstanceScores.class, objects);
        metrics.put("aji", mean.aji());
        metrics.put("aji_plus", mean.ajiPlus());
        metrics.put("pq", mean.pq());
        metrics.put("dq", mean.dq());
        metrics.put("sq", mean.sq());
        metrics.put("instance_dice", mean.dice());
        metrics.put(SECONDS_PER_IMAGE, seconds / count);
        return metrics;
    }
}
