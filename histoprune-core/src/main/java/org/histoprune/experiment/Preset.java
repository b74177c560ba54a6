package org.histoprune.experiment;

import java.util.List;

/**
 * Named sweep settings. {@code quick}: the two magnitude strategies at CR 1..512 with short retraining
 * (100 steps per round) and 512-pixel evaluation tiles, sized to finish within an hour on 2 cores with a
 * base-16 model (19 cells: ~18 x 70 s retraining + 19 x ~60 s evaluation on the 14 MoNuSeg test images).
 * {@code paper}: the seed paper's grid with retraining "until convergence" approximated by 20 epochs of
 * 100 steps per round, batch 2, 256-pixel crops, fine-tuning at the final learning rate.
 * For the sample-size study the same names choose the ratio grid and the training epochs.
 */
public enum Preset {
    QUICK, PAPER;

    private static final List<String> MAGNITUDE = List.of("layerwise", "global");

    public static Preset parse(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    public SweepPlan plan(CellSpec.Study study) {
        if (study == CellSpec.Study.SAMPLE_SIZE) {
            List<Double> r = this == QUICK ? List.of(0.001, 0.01, 0.1, 0.5, 2.0)
                    : List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 2.0);
            Recipe recipe = new Recipe(this == QUICK ? 3 : 30, 1, 256, false, 512, false);
            return new SweepPlan(study, List.of("l1-filter"), List.of(1), List.of(42L), true,
                    this == QUICK ? List.of(0.0, 0.3, 0.5, 0.7, 0.9) : SweepPlan.tenths(), r, recipe);
        }
        Recipe recipe = this == QUICK ? new Recipe(1, 100, 256, false, 512, false)
                : new Recipe(20, 100, 256, false, 512, false);
        return new SweepPlan(study, MAGNITUDE, SweepPlan.powersOfTwo(512), List.of(42L), false, List.of(), List.of(),
                recipe);
    }
}
