package org.histoprune.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.histoprune.prune.Retraining;

/**
 * How every cell of a sweep is trained and evaluated: {@code epochs} of {@code stepsPerEpoch} retraining steps
 * after each pruning round (0 = none; with {@code patience > 0} a cap: retraining stops once the held-out loss has
 * not improved for {@code patience} epochs) on {@code crop}-pixel crops, fine-tuned, with learning-rate rewinding or,
 * when {@code fullRate}, at the training's own rate (the seed paper's retraining), and predicted in {@code evalTile}-pixel tiles; {@code excludeFirstLast} keeps the first conv and the heads
 * dense during magnitude pruning (the paper prunes them too). Filter pruning rounds kept filter counts to multiples
 * of {@code channelMultiple} (0 = no rounding); the sample-size study trains each subset's network from scratch for
 * {@code trainingSteps} steps. Part of every cell's identity; the last three are left out of it at 0 (false), so that
 * cells of recipes without them keep their keys.
 */
public record Recipe(int epochs, int stepsPerEpoch, int crop, boolean rewind, int evalTile, boolean excludeFirstLast,
        int patience, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int channelMultiple,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int trainingSteps,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean fullRate) {
    /** A recipe that retrains every round for its whole budget. */
    public Recipe(int epochs, int stepsPerEpoch, int crop, boolean rewind, int evalTile, boolean excludeFirstLast) {
        this(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, 0);
    }

    /** A recipe without filter rounding or training from scratch (the compression study's). */
    public Recipe(int epochs, int stepsPerEpoch, int crop, boolean rewind, int evalTile, boolean excludeFirstLast,
            int patience) {
        this(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, patience, 0, 0, false);
    }

    public Recipe {
        if (epochs < 0 || stepsPerEpoch < 1 || crop < 16 || evalTile < 16 || evalTile % 16 != 0 || patience < 0
                || channelMultiple < 0 || trainingSteps < 0 || (rewind && fullRate)) {
            throw new IllegalArgumentException("epochs >= 0, steps >= 1, crop >= 16, eval tile a multiple of 16,"
                    + " patience, channel multiple and training steps >= 0, rewind or full rate (not both)");
        }
        channelMultiple = channelMultiple == 1 ? 0 : channelMultiple; // 1 rounds nothing, as 0: one identity
    }

    /** The channel multiple as filter pruning takes it (1 = no rounding). */
    public int filterMultiple() {
        return Math.max(1, channelMultiple);
    }

    public Recipe withEpochs(int value) {
        return new Recipe(value, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, patience, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withStepsPerEpoch(int value) {
        return new Recipe(epochs, value, crop, rewind, evalTile, excludeFirstLast, patience, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withCrop(int value) {
        return new Recipe(epochs, stepsPerEpoch, value, rewind, evalTile, excludeFirstLast, patience, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withExcludeFirstLast(boolean value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, value, patience, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withRewind(boolean value) {
        return new Recipe(epochs, stepsPerEpoch, crop, value, evalTile, excludeFirstLast, patience, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withPatience(int value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, value, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withEvalTile(int value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, value, excludeFirstLast, patience, channelMultiple,
                trainingSteps, fullRate);
    }

    public Recipe withChannelMultiple(int value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, patience, value,
                trainingSteps, fullRate);
    }

    public Recipe withTrainingSteps(int value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, patience, channelMultiple,
                value, fullRate);
    }

    public Recipe withFullRate(boolean value) {
        return new Recipe(epochs, stepsPerEpoch, crop, rewind, evalTile, excludeFirstLast, patience, channelMultiple,
                trainingSteps, value);
    }

    /** How each round retrains. */
    public Retraining retraining() {
        return fullRate ? Retraining.FULL_RATE : rewind ? Retraining.REWIND : Retraining.FINE_TUNE;
    }
}
