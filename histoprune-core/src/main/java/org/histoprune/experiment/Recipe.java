package org.histoprune.experiment;

/**
 * How every cell of a sweep is trained and evaluated: {@code epochs} of {@code stepsPerEpoch} retraining steps
 * after each pruning round (0 = none; with {@code patience > 0} a cap: retraining stops once the held-out loss has
 * not improved for {@code patience} epochs) on {@code crop}-pixel crops, fine-tuned or with learning-rate rewinding,
 * and predicted in {@code evalTile}-pixel tiles; {@code excludeFirstLast} keeps the first conv and the heads
 * dense during magnitude pruning (the paper prunes them too). Part of every cell's identity.
 */
public record Recipe(int epochs, int stepsPerEpoch, int crop, boolean rewind, int evalTile, boolean excludeFirstLast,
        int patience) {
    /** A recipe that retrains every round for its whole budget. */
    public Recipe(int epochs, int stepsPerEpoch, int crop, boolean rewind, int evalTile, boolean excludeFirstLast) {
        this(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, 0);
    }

    public Recipe {
        if (epochs < 0 || stepsPerEpoch < 1 || crop < 16 || evalTile < 16 || evalTile % 16 != 0 || patience < 0) {
            throw new IllegalArgumentException("epochs >= 0, steps >= 1, crop >= 16, eval tile a multiple of 16,"
                    + " patience >= 0");
        }
    }

    public Recipe withEpochs(int value) {
        return new Recipe(value, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, patience);
    }

    public Recipe withStepsPerEpoch(int value) {
        return new Recipe(epochs, value, crop, rewind, evalTile, excludeFirstLast, patience);
    }

    public Recipe withCrop(int value) {
        return new Recipe(epochs, stepsPerEpoch, value, rewind, evalTile, excludeFirstLast, patience);
    }

    public Recipe withExcludeFirstLast(boolean value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, value, patience);
    }

    public Recipe withRewind(boolean value) {
        return new Recipe(epochs, stepsPerEpoch, crop, value, evalTile, excludeFirstLast, patience);
    }

    public Recipe withPatience(int value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, value);
    }

    public Recipe withEvalTile(int value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, value, excludeFirstLast, patience);
    }
}
