package org.histoprune.cli;

import org.histoprune.segment.InstanceParameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The merge step's settings as command-line options; unset options keep {@link InstanceParameters#defaults()}. */
final class InstanceOptions {
    @Option(names = "--threshold", paramLabel = "P", description = "Foreground when the probability is above P (default 0.5).")
    private Double threshold;

    @Option(names = "--min-size", paramLabel = "PX", description = "Drop instances smaller than PX pixels (default 30).")
    private Integer minSize;

    @Option(names = "--sigma", paramLabel = "PX",
            description = "Gaussian sigma for the distance map (default: derived from the mean nucleus size).")
    private Double sigma;

    @Option(names = "--sigma-per-radius", paramLabel = "F",
            description = "Derived sigma = F x the estimated mean nucleus radius (default 0.2).")
    private Double sigmaPerRadius;

    @Option(names = "--min-height", paramLabel = "H",
            description = "A distance maximum must rise H above its saddle to seed a nucleus (default 0.1).")
    private Double minHeight;

    @Option(names = "--min-distance", paramLabel = "PX", description = "Least distance between two seeds (default 3).")
    private Double minDistance;

    /** The defaults with the given options applied; an out-of-range value is a usage error (exit code 2). */
    InstanceParameters toParameters(CommandSpec spec) {
        InstanceParameters parameters = InstanceParameters.defaults();
        try {
            if (threshold != null) {
                parameters = parameters.withForegroundThreshold(threshold);
            }
            if (minSize != null) {
                parameters = parameters.withMinObjectSize(minSize);
            }
            if (sigma != null) {
                parameters = parameters.withFixedSigma(sigma);
            }
            if (sigmaPerRadius != null) {
                parameters = parameters.withSigmaPerRadius(sigmaPerRadius);
            }
            if (minHeight != null) {
                parameters = parameters.withMinHeight(minHeight);
            }
            if (minDistance != null) {
                parameters = parameters.withMinDistance(minDistance);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return parameters;
    }
}
