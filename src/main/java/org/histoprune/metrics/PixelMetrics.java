package org.histoprune.metrics;

import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;

/**
 * Pixel statistics of a foreground map against a truth mask (label > 0), and the mean squared error of two
 * maps. A ratio whose denominator is 0 (nothing to find, nothing predicted) counts as 1, as for empty images
 * in {@link InstanceMetrics}.
 */
public final class PixelMetrics {
    /** Default threshold: a pixel is predicted foreground when its probability exceeds it. */
    public static final double THRESHOLD = 0.5;
    /** Probabilities are clamped to [EPSILON, 1 - EPSILON] so the cross-entropy stays finite. */
    static final double EPSILON = 1e-7;

    private PixelMetrics() {
    }

    public static PixelScores score(FloatMap probability, LabelImage truth) {
        return score(probability, truth, THRESHOLD);
    }

    /** @throws IllegalArgumentException when the sizes differ */
    public static PixelScores score(FloatMap probability, LabelImage truth, double threshold) {
        requireSameSize(probability.width(), probability.height(), truth.width(), truth.height());
        float[] p = probability.values();
        int[] labels = truth.labels();
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        double crossEntropy = 0;
        for (int i = 0; i < p.length; i++) {
            boolean actual = labels[i] > 0;
            boolean predicted = p[i] > threshold;
            if (predicted && actual) {
                truePositives++;
            } else if (predicted) {
                falsePositives++;
            } else if (actual) {
                falseNegatives++;
            }
            double clamped = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON);
            crossEntropy -= Math.log(actual ? clamped : 1 - clamped);
        }
        long trueNegatives = p.length - truePositives - falsePositives - falseNegatives;
        return new PixelScores(
                ratio(truePositives + trueNegatives, p.length),
                ratio(truePositives, truePositives + falseNegatives),
                ratio(trueNegatives, trueNegatives + falsePositives),
                ratio(truePositives, truePositives + falsePositives),
                ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
                crossEntropy / p.length);
    }

    /** Mean of the squared differences, e.g. of a predicted and a target distance map. */
    public static double meanSquaredError(FloatMap predicted, FloatMap target) {
        requireSameSize(predicted.width(), predicted.height(), target.width(), target.height());
        float[] a = predicted.values();
        float[] b = target.values();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = (double) a[i] - b[i];
            sum += difference * difference;
        }
        return sum / a.length;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 1 : (double) numerator / denominator;
    }

    private static void requireSameSize(int width, int height, int otherWidth, int otherHeight) {
        if (width != otherWidth || height != otherHeight) {
            throw new IllegalArgumentException(
                    "maps differ in size: " + width + "x" + height + " vs " + otherWidth + "x" + otherHeight);
        }
    }
}
