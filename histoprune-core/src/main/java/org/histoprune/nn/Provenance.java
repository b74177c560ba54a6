package org.histoprune.nn;

import java.util.Map;

/**
 * Where a model's weights came from: training data, the command line, how long it trained, and metrics
 * (validation and, once evaluated, test scores). {@code steps} counts optimizer steps per branch.
 */
public record Provenance(String data, String command, int epochs, long steps, double wallSeconds,
        Map<String, Double> metrics, String created) {
    public Provenance {
        metrics = Map.copyOf(metrics);
    }

    public static Provenance untrained() {
        return new Provenance("", "", 0, 0, 0, Map.of(), java.time.Instant.now().toString());
    }
}
