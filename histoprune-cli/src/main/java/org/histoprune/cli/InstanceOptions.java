package org.histoprune.cli;

import org.histoprune.segment.InstanceParameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The merge step's settings as command-line options, starting from {@link InstanceParameters#defaults()}. */
public final class InstanceOptions {
    private static final InstanceParameters DEFAULTS = InstanceParameters.defaults();

    @Option(names = "--threshold", paramLabel = "P",
            description = "Foreground where the probability is above P (default: ${DEFAULT-VALUE}).")
    private double threshold = DEFAULTS.foregroundThreshold();

    @Option(names = "--min-size", paramLabel = "PX",
            description = "Drop instances smaller than PX pixels (default: ${DEFAULT-VALUE}).")
    private int minSize = DEFAULTS.minObjectSize();

    @Option(names = "--sigma", paramLabel = "PX",
            description = "Gaussian sigma for the distance map (default: derived from the mean nucleus size).")
    private Double sigma;

    @Option(names = "--sigma-per-radius", paramLabel = "F",
            description = "Derived sigma = F x the estimated mean nucleus radius (default: ${DEFAULT-VALUE}).")
    private double sigmaPerRadius = DEFAULTS.sigmaPerRadius();

    @Option(names = "--min-height", paramLabel = "H",
            description = "A distance maximum must rise H above its saddle to seed a nucleus "
                    + "(default: ${DEFAULT-VALUE}).")
    private double minHeight = DEFAULTS.minHeight();

    @Option(names = "--min-distance", paramLabel = "PX",
            description = "Least distance between two seeds (default: ${DEFAULT-VALUE}).")
    private double minDistance = DEFAULTS.minDistance();

    /** The settings; an out-of-range value is a usage error (exit code 2). */
    public InstanceParameters toParameters(CommandSpec spec) {
        try {
            return new InstanceParameters(threshold, minSize, sigmaPerRadius,
                    sigma == null ? InstanceParameters.DERIVED : sigma, minHeight, minDistance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
