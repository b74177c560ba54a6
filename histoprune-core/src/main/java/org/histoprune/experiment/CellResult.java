package org.histoprune.experiment;

import java.util.Map;

/**
 * The stored outcome of one cell. {@code status} is {@link Status#DONE} with the model's cost and the metrics
 * per evaluation set (name -> metric -> value), or {@link Status#INFEASIBLE} with the reason (e.g. a layer-wise
 * CR that would empty a layer) or {@link Status#DIVERGED} with the training's message: all are final and never recomputed. {@code modelFile} is the cell's model
 * (relative to the results folder, or absolute for the dense input); {@code facts} holds study-specific numbers
 * (e.g. the training-set size of a sample-size cell).
 */
public record CellResult(String key, CellSpec spec, Status status, String message, String modelFile, Cost cost,
        Map<String, Double> facts, Map<String, Map<String, Double>> metrics, double computeSeconds, String host,
        String finishedAt) {
    public CellResult {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        message = message == null ? "" : message;
    }

    /** Whether a cell produced a model and metrics. */
    public enum Status {
        DONE, INFEASIBLE,
        /** Its (re)training lost finite losses: recorded with the message, and its chain stops there. */
        DIVERGED
    }

    /**
     * Size and compute of the cell's model: trainable parameters left (both branches), prunable conv weights in
     * total and alive, FLOPs of both branches per 256x256 tile, theoretical speedup over the dense network, the
     * model file's size in bytes, and the measured inference time per evaluation image (mean, seconds).
     */
    public record Cost(long parameters, long convWeights, long aliveWeights, double flopsPerTile, double speedup,
            long fileBytes, double inferenceSeconds) {
        /** Parameters-based compression ratio relative to {@code denseParameters}. */
        public double parameterRatio(long denseParameters) {
            return (double) denseParameters / parameters;
        }
    }
}
