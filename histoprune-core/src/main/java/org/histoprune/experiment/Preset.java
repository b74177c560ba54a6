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
 * to "until convergence". The filter-importance and sample-size studies have their own grids per name
 * ({@link #filterImportance()}, {@link #sampleSize()}).
 */
public enum Preset {
    QUICK, STANDARD, PAPER;

    /** Steps of one retraining epoch: the held-out loss is measured (and a plateau judged) after each. */
    static final int STEPS_PER_EPOCH = 25;

    private static final List<String> MAGNITUDE = List.of("layerwise", "global");
    private static final List<String> IMPORTANCES = List.of("l1-filter", "taylor");
    /** Filter counts rounded to multiples of 8: oneDNN's channel block, what makes measured speed follow FLOPs. */
    static final int FILTER_CHANNEL_MULTIPLE = 8;
    static final int STANDARD_TRAINING_STEPS = 500;

    public static Preset parse(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    public SweepPlan plan(CellSpec.Study study) {
        if (study == CellSpec.Study.SAMPLE_SIZE) {
            return sampleSize();
        }
        if (study == CellSpec.Study.FILTER_IMPORTANCE) {
            return filterImportance();
        }
        Recipe recipe = switch (this) {
            case QUICK -> new Recipe(100 / STEPS_PER_EPOCH, STEPS_PER_EPOCH, 256, false, 512, false, 2);
            case STANDARD -> new Recipe(250 / STEPS_PER_EPOCH, STEPS_PER_EPOCH, 256, false, 512, false, 3);
            case PAPER -> new Recipe(2000 / STEPS_PER_EPOCH, STEPS_PER_EPOCH, 256, false, 512, false, 3);
        };
        // retraining at the training's rate, as the paper retrains: at a tenth of it, layer-wise CR 2 kept AJI 0.49
        // of the dense 0.61 after 250 steps, at the full rate 0.58 (MoNuSeg test, docs/results/standard/README.md)
        recipe = recipe.withFullRate(true);
        List<Long> seeds = this == QUICK ? List.of(1L) : List.of(1L, 2L, 3L);
        return new SweepPlan(study, MAGNITUDE, SweepPlan.powersOfTwo(512), seeds, false, List.of(), List.of(),
                recipe, PrunedBranches.BOTH);
    }

    /**
     * The TaylorFO study: both importances, iterative chains (quick 30/50/70/90 %, else 10..90 %) with the
     * compression sweep's plateau retraining of this preset after each step, kept filter counts rounded to
     * multiples of {@value #FILTER_CHANNEL_MULTIPLE} (measured speed then follows the FLOPs), seeds as the
     * compression sweep's but two in standard.
     */
    private SweepPlan filterImportance() {
        Recipe recipe = plan(CellSpec.Study.COMPRESSION).recipe().withChannelMultiple(FILTER_CHANNEL_MULTIPLE);
        List<Double> ratios = this == QUICK ? List.of(0.3, 0.5, 0.7, 0.9) : SweepPlan.tenths();
        List<Long> seeds = switch (this) {
            case QUICK -> List.of(1L);
            case STANDARD -> List.of(1L, 2L);
            case PAPER -> List.of(1L, 2L, 3L);
        };
        return new SweepPlan(CellSpec.Study.FILTER_IMPORTANCE, IMPORTANCES, List.of(1), seeds, false, ratios,
                List.of(), recipe);
    }

    /**
     * The L1 study: nested subsets of the training images, a network trained from scratch on each for the same
     * number of steps (standard: {@value #STANDARD_TRAINING_STEPS}, a tenth of the bundled model's 5,000, what 2
     * cores afford in ~3 h; paper: the bundled model's budget), L1-pruned at each ratio and fine-tuned on its subset
     * until the held-out loss plateaus (cap: quick 50, standard 100, paper 250 steps).
     */
    private SweepPlan sampleSize() {
        Recipe recipe = switch (this) {
            case QUICK -> new Recipe(2, STEPS_PER_EPOCH, 256, false, 512, false, 2, 0, 200, false);
            case STANDARD -> new Recipe(4, STEPS_PER_EPOCH, 256, false, 512, false, 2, 0, STANDARD_TRAINING_STEPS,
                    false);
            case PAPER -> new Recipe(10, STEPS_PER_EPOCH, 256, false, 512, false, 3, 0, 5000, false);
        };
        List<Double> fractions = this == QUICK ? List.of(0.25, 1.0) : List.of(0.1, 0.25, 0.5, 1.0);
        List<Double> ratios = this == QUICK ? List.of(0.0, 0.5, 0.9) : List.of(0.0, 0.3, 0.5, 0.7, 0.9);
        List<Long> seeds = switch (this) {
            case QUICK -> List.of(1L);
            case STANDARD -> List.of(1L, 2L);
            case PAPER -> List.of(1L, 2L, 3L);
        };
        return new SweepPlan(CellSpec.Study.SAMPLE_SIZE, List.of("l1-filter"), List.of(1), seeds, true, ratios,
                fractions, recipe);
    }
}
