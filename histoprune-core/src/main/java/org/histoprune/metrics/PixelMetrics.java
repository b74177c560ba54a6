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
    /** Far above the smallest normal double, so one more factor >= EPSILON cannot underflow. */
    private static final double SMALL = 0x1p-900;

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
        long actual = 0;
        long predicted = 0;
        long truePositives = 0;
        // The log-likelihood is summed as the log of a running product, renormalised before it underflows:
        // one multiplication per pixel instead of one logarithm, with the same accuracy.
        double product = 1;
        long exponent = 0;
        for (int i = 0; i < p.length; i++) {
            int isActual = labels[i] > 0 ? 1 : 0;
            int isPredicted = p[i] > threshold ? 1 : 0;
            actual += isActual;
            predicted += isPredicted;
            truePositives += isActual & isPredicted;
            double clamped = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON);
            product *= isActual == 1 ? clamped : 1 - clamped;
            if (product < SMALL) {
                int e = Math.getExponent(product);
                product = Math.scalb(product, -e);
                exponent += e;
            }
        }
        double logLikelihood = Math.log(product) + exponent * Math.log(2);
        long falsePositives = predicted - truePositives;
        long falseNegatives = actual - truePositives;
        long trueNegatives = p.length - truePositives - falsePositives - falseNegatives;
        return new PixelScores(
                ratio(truePositives + trueNegatives, p.length),
                ratio(truePositives, actual),
                ratio(trueNegatives, trueNegatives + falsePositives),
                ratio(truePositives, predicted),
                ratio(2 * truePositives, actual + predicted),
                -logLikelihood / p.length);
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
