package org.histoprune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class PixelMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void confusionRatiosByHand() {
        // truth:      1    1    1    0    0    0    0    0
        // prob:      0.9  0.6  0.2  0.7  0.1  0.0  0.5  0.3   -> predicted (p > 0.5): 1 1 0 1 0 0 0 0
        // TP 2, FN 1, FP 1, TN 4.
        LabelImage truth = new LabelImage(4, 2, new int[] {3, 3, 9, 0, 0, 0, 0, 0});
        FloatMap probability = new FloatMap(4, 2, new float[] {0.9f, 0.6f, 0.2f, 0.7f, 0.1f, 0f, 0.5f, 0.3f});
        PixelScores scores = PixelMetrics.score(probability, truth);
        assertEquals(6.0 / 8, scores.accuracy(), EPS);
        assertEquals(2.0 / 3, scores.sensitivity(), EPS);
        assertEquals(4.0 / 5, scores.specificity(), EPS);
        assertEquals(2.0 / 3, scores.precision(), EPS);
        assertEquals(4.0 / 6, scores.dice(), EPS);
        // The map holds floats: the expected values use the same float inputs, widened to double.
        double expectedEntropy = -(Math.log(0.9f) + Math.log(0.6f) + Math.log(0.2f) + logOfOneMinus(0.7f) + logOfOneMinus(0.1f)
                + Math.log(1 - PixelMetrics.EPSILON) + logOfOneMinus(0.5f) + logOfOneMinus(0.3f)) / 8;
        assertEquals(expectedEntropy, scores.crossEntropy(), 1e-9);
    }

    private static double logOfOneMinus(float p) {
        return Math.log(1 - (double) p);
    }

    @Test
    void crossEntropyIsClampedForConfidentMistakes() {
        LabelImage truth = new LabelImage(2, 1, new int[] {1, 0});
        FloatMap wrong = new FloatMap(2, 1, new float[] {0f, 1f});
        assertEquals(-Math.log(PixelMetrics.EPSILON), PixelMetrics.score(wrong, truth).crossEntropy(), 1e-9);
    }

    @Test
    void crossEntropyStaysExactOverManyPixels() {
        // 10^6 factors of 0.3 or 1e-7 underflow any plain product many times over.
        int n = 1_000_000;
        int[] labels = new int[n];
        float[] values = new float[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? 0 : 1;
            values[i] = i % 7 == 0 ? 1f : 0.3f;
            double clamped = Math.min(Math.max(values[i], PixelMetrics.EPSILON), 1 - PixelMetrics.EPSILON);
            expected -= Math.log(labels[i] > 0 ? clamped : 1 - clamped);
        }
        double actual = PixelMetrics.score(new FloatMap(1000, 1000, values), new LabelImage(1000, 1000, labels))
                .crossEntropy();
        assertEquals(expected / n, actual, 1e-9);
    }

    @Test
    void emptyTruthAndEmptyPredictionScoreOne() {
        PixelScores scores = PixelMetrics.score(new FloatMap(3, 1), new LabelImage(3, 1));
        assertEquals(1, scores.accuracy(), EPS);
        assertEquals(1, scores.sensitivity(), EPS);
        assertEquals(1, scores.precision(), EPS);
        assertEquals(1, scores.dice(), EPS);
    }

    @Test
    void customThreshold() {
        LabelImage truth = new LabelImage(2, 1, new int[] {1, 0});
        FloatMap probability = new FloatMap(2, 1, new float[] {0.3f, 0.1f});
        assertEquals(1, PixelMetrics.score(probability, truth, 0.2).sensitivity(), EPS);
        assertEquals(0, PixelMetrics.score(probability, truth).sensitivity(), EPS);
    }

    @Test
    void meanSquaredErrorByHand() {
        FloatMap a = new FloatMap(3, 1, new float[] {1f, 0.5f, 0f});
        FloatMap b = new FloatMap(3, 1, new float[] {0f, 0.5f, 0.25f});
        assertEquals((1 + 0 + 0.0625) / 3, PixelMetrics.meanSquaredError(a, b), EPS);
    }

    @Test
    void sizeMismatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PixelMetrics.score(new FloatMap(2, 2), new LabelImage(2, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> PixelMetrics.meanSquaredError(new FloatMap(2, 2), new FloatMap(3, 2)));
    }

    @Test
    void datasetMeanIsComponentWise() {
        InstanceScores mean = MetricMeans.of(InstanceScores.class, List.of(
                new InstanceScores(1, 0.5, 0.25, 0, 0.2, 0.4),
                new InstanceScores(0, 0.25, 0.75, 1, 0.6, 0.8)));
        assertEquals(new InstanceScores(0.5, 0.375, 0.5, 0.5, 0.4, 0.6000000000000001), mean);
        PixelScores pixelMean = MetricMeans.of(PixelScores.class, List.of(
                new PixelScores(1, 1, 1, 1, 1, 0.5), new PixelScores(0, 0.5, 0, 0, 0, 1.5)));
        assertEquals(new PixelScores(0.5, 0.75, 0.5, 0.5, 0.5, 1.0), pixelMean);
    }

    @Test
    void meanOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MetricMeans.of(InstanceScores.class, List.of()));
    }
}
