package org.histoprune.prune;

/**
 * What a pruning job will do, before it runs: the model's cost now and after the last round (per layer:
 * sparsity or width, parameters, FLOPs). For magnitude pruning the preview cuts today's weights at the final
 * ratio; retraining between rounds can move which weights survive, not how many.
 */
public record PrunePlan(PruneConfig config, int rounds, ModelCost before, ModelCost after) {
}
