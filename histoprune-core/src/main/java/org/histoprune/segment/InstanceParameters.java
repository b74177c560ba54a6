package org.histoprune.segment;

/**
 * Settings of the merge step (foreground and distance maps to instances).
 *
 * @param foregroundThreshold a pixel is foreground when its probability is above this (0..1)
 * @param minObjectSize       instances of fewer pixels are dropped
 * @param sigmaPerRadius      Gaussian sigma as a fraction of the estimated mean nucleus radius
 * @param fixedSigma          a Gaussian sigma in px that replaces the derived one; {@link #DERIVED} (NaN) to derive it
 * @param minHeight           least height (dynamic) of a distance maximum to become a seed
 * @param minDistance         least distance in px between two seeds of one foreground component
 */
public record InstanceParameters(double foregroundThreshold, int minObjectSize, double sigmaPerRadius,
        double fixedSigma, double minHeight, double minDistance) {
    /** The value of {@code fixedSigma} that lets the pipeline derive sigma from the nucleus size. */
    public static final double DERIVED = Double.NaN;

    public InstanceParameters {
        if (!(foregroundThreshold >= 0 && foregroundThreshold < 1)) {
            throw new IllegalArgumentException("foreground threshold must be in [0, 1), got " + foregroundThreshold);
        }
        if (minObjectSize < 0) {
            throw new IllegalArgumentException("min object size must be >= 0, got " + minObjectSize);
        }
        if (!(sigmaPerRadius >= 0) || Double.isInfinite(sigmaPerRadius)) {
            throw new IllegalArgumentException("sigma per radius must be finite and >= 0, got " + sigmaPerRadius);
        }
        if (!Double.isNaN(fixedSigma) && !(fixedSigma >= 0 && fixedSigma < 1000)) {
            throw new IllegalArgumentException("sigma must be in [0, 1000) px, got " + fixedSigma);
        }
        if (!(minHeight >= 0) || Double.isInfinite(minHeight)) {
            throw new IllegalArgumentException("min height must be finite and >= 0, got " + minHeight);
        }
        if (!(minDistance >= 0) || Double.isInfinite(minDistance)) {
            throw new IllegalArgumentException("min distance must be finite and >= 0, got " + minDistance);
        }
    }

    public static InstanceParameters defaults() {
        return new InstanceParameters(0.5, 30, 0.2, DERIVED, 0.1, 3);
    }

    /** The Gaussian sigma for nuclei of this mean area: the fixed one if set, else derived from the radius. */
    public double sigmaFor(double meanNucleusArea) {
        return Double.isNaN(fixedSigma) ? sigmaPerRadius * Math.sqrt(meanNucleusArea / Math.PI) : fixedSigma;
    }

    public InstanceParameters withForegroundThreshold(double value) {
        return new InstanceParameters(value, minObjectSize, sigmaPerRadius, fixedSigma, minHeight, minDistance);
    }

    public InstanceParameters withMinObjectSize(int value) {
        return new InstanceParameters(foregroundThreshold, value, sigmaPerRadius, fixedSigma, minHeight, minDistance);
    }

    public InstanceParameters withSigmaPerRadius(double value) {
        return new InstanceParameters(foregroundThreshold, minObjectSize, value, fixedSigma, minHeight, minDistance);
    }

    public InstanceParameters withFixedSigma(double value) {
        return new InstanceParameters(foregroundThreshold, minObjectSize, sigmaPerRadius, value, minHeight, minDistance);
    }

    public InstanceParameters withMinHeight(double value) {
        return new InstanceParameters(foregroundThreshold, minObjectSize, sigmaPerRadius, fixedSigma, value, minDistance);
    }

    public InstanceParameters withMinDistance(double value) {
        return new InstanceParameters(foregroundThreshold, minObjectSize, sigmaPerRadius, fixedSigma, minHeight, value);
    }
}
