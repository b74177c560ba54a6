package org.histoprune.metrics;

/**
 * Pixel-wise scores of a foreground probability (or binary) map against a truth mask: accuracy, sensitivity
 * (recall), specificity, precision, Dice (F1) of the thresholded map, and the mean binary cross-entropy of
 * the probabilities (natural log, probabilities clamped away from 0 and 1).
 */
public record PixelScores(double accuracy, double sensitivity, double specificity, double precision, double dice,
        double crossEntropy) {
}
