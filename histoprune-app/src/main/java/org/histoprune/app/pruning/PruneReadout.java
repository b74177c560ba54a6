package org.histoprune.app.pruning;

import java.io.IOException;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;
import org.histoprune.prune.FilterPruner;
import org.histoprune.prune.ModelCost;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.Pruner;

/**
 * What the model would cost at a point of the CR slider: its {@link ModelCost} after the pruning job, or the
 * one-line reason the CR cannot be reached ({@code cost} is then null).
 */
record PruneReadout(ModelCost cost, String problem) {
    /** Computes the preview the way {@code prune --plan} does (off the FX thread: it reads every weight). */
    static PruneReadout of(NucleiModel model, PruneTarget target) throws IOException {
        if (target.dense()) {
            return new PruneReadout(ModelCost.of(model), null);
        }
        PruneConfig config = target.planConfig();
        try {
            return new PruneReadout(config.strategy().structured() ? new FilterPruner(model, config).plan().after()
                    : new Pruner(model, config).plan().after(), null);
        } catch (InvalidInputException impossible) {
            return new PruneReadout(null, impossible.getMessage());
        }
    }
}
