package org.histoprune.app.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.Strategy;
import org.junit.jupiter.api.Test;

class PruneTargetTest {
    private static final Path DATA = Path.of("data");

    @Test
    void filterStrategiesRemoveTheWidthThatDividesTheParametersByTheCr() {
        PruneTarget target = new PruneTarget(Strategy.L1_FILTER, 4);
        assertEquals(0.5, target.filterRatio(), 1e-12, "half the filters leave a quarter of the parameters");
        assertEquals(Strategy.L1_FILTER, new PruneTarget(Strategy.TAYLOR, 4).planConfig().strategy(),
                "the preview of Taylor needs no data: per-layer counts equal L1's");
        assertEquals(Strategy.TAYLOR, new PruneTarget(Strategy.TAYLOR, 4).runConfig(DATA, 5, 64).strategy());
    }

    @Test
    void magnitudeJobsHalvePerRoundOnlyWhenRetraining() {
        PruneTarget target = new PruneTarget(Strategy.GLOBAL, 8);
        PruneConfig retrained = target.runConfig(DATA, 5, 64);
        assertEquals(3, retrained.rounds());
        assertEquals(5, retrained.stepsPerEpoch());
        assertEquals(1, retrained.epochsPerRound());
        PruneConfig plain = target.runConfig(null, 5, 64);
        assertEquals(1, plain.rounds());
        assertEquals(0, plain.epochsPerRound());
        assertEquals(8, target.planConfig().compressionRatio(), 1e-12);
    }

    @Test
    void nmKeepsOneOfEveryCrWeights() {
        PruneConfig config = new PruneTarget(Strategy.NM, 4).planConfig();
        assertEquals(1, config.n());
        assertEquals(4, config.m());
    }

    @Test
    void onlyPowersOfTwoAreSliderPoints() {
        assertTrue(new PruneTarget(Strategy.GLOBAL, 1).dense());
        assertFalse(new PruneTarget(Strategy.GLOBAL, 2).dense());
        assertThrows(IllegalArgumentException.class, () -> new PruneTarget(Strategy.GLOBAL, 3));
        assertEquals("network-wide 16\u00d7", new PruneTarget(Strategy.GLOBAL, 16).label());
        assertEquals("dense (1\u00d7)", new PruneTarget(Strategy.TAYLOR, 1).label());
    }
}
