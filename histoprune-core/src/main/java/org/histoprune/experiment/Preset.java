package org.histoprune.experiment;

import java.util.List;
import org.histoprune.prune.PrunedBranches;

/**
 * Named sweep settings, all with the seed paper's design: both magnitude strategies, each branch pruned in its
 * own chain and merged per CR, CR 2..512 (layer-wise up to its limit on the model), retraining of each round until
 * the held-out loss plateaus (patience in epochs of 25 steps) or the step cap, 512-pixel evaluation tiles.
 * {@code quick}: one seed, a cap of 100 steps per round (patience 2): the app's and the README's quick look.
 * {@code standard}: seeds 1..3, a cap of 250 steps (patience 3): 163 cells, a few hours on 2 cores (see
 * {@code sweep --dry-run} for the estimate). {@code paper}: seeds 1..3, a cap of 2,000 steps (patience 3), closest
 * to "until convergence". For the sample-size study the names choose the ratio grid and the training epochs.
 */
public enum Preset {
    QUICK, STANDARD, PAPER;

    /** Steps of one retraining epoch: the held-out loss is measured (and a plateau judged) after each. */
    static final int STEPS_PER_EPOCH = 25;

    private static final List<String> MAGNITUDE = List.of("layerwise", "global");

    public static Preset parse(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    public SweepPlan plan(CellSpec.Study study) {
        if (study == CellSpec.Study.SAMPLE_SIZE) {
            List<Double> r = this == QUICK ? List.of(0.001, 0.01, 0.1, 0.5, 2.0)
                    : List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 2.0);
            Recipe recipe = new Recipe(this == QUICK ? 3 : 30, 1, 256, false, 512, false);
            // the standard preset is a compression design; its sample-size grid is the paper one
            return new SweepPlan(study, List.of("l1-filter"), List.of(1), List.of(42L), true,
                    this == QUICK ? List.of(0.0, 0.3, 0.5, 0.7, 0.9) : SweepPlan.tenths(), r, recipe);
        }
        Recipe recipe = switch (this) {
            case QUICK -> new Recipe(100 / STEPS_PER_EPOCH, STEPS_PER_EPOCH, 256, false, 512, false, 2);
            case STANDARD -> new Recipe(250 / STEPS_PER_EPOCH, STEPS_PER_EPOCH, 256, false, 512, false, 3);
            case PAPER -> new Recipe(2000 / STEPS_PER_EPOCH, STEPS_PER_EPOCH, 256, false, 512, false, 3);
        };
        List<Long> seeds = this == QUICK ? List.of(1L) : List.of(1L, 2L, 3L);
        return new SweepPlan(study, MAGNITUDE, SweepPlan.powersOfTwo(512), seeds, false, List.of(), List.of(),
                recipe, PrunedBranches.BOTH);
    }
}
