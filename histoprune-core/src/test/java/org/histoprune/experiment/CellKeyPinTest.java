package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.histoprune.prune.PrunedBranches;
import org.junit.jupiter.api.Test;

/**
 * The keys of compression cells name the files of sweeps already running from committed stores
 * (docs/results/standard/store): they must not change when cell specs or recipes gain fields for other studies.
 * The values are those of the standard recipe with full-rate retraining, with which the sweep restarted on
 * 2026-12-06; the dense one is the key of the first cell it committed.
 */
class CellKeyPinTest {
    private static final String MODEL = "5ae5094ca6ca105c900b01bdd58ad8e90637f401b9d90645c9cc80487cb4c278";
    private static final String DATA = "/work/shared/data/monuseg/train";
    private static final Map<String, String> EVALS = Map.of("monuseg-test", "/work/shared/data/monuseg/test",
            "tnbc", "/work/shared/data/tnbc");

    private static CellSpec standard(String strategy, int cr, long seed, PrunedBranches branch) {
        Recipe recipe = Preset.STANDARD.plan(CellSpec.Study.COMPRESSION).recipe();
        return new CellSpec(CellSpec.Study.COMPRESSION, strategy, cr, false, 0, 0, seed, recipe, MODEL, DATA,
                branch == PrunedBranches.BOTH ? EVALS : Map.of(), branch.cliName());
    }

    @Test
    void standardPresetKeysAreThoseOfTheCommittedStore() {
        assertEquals("3136e92f35247fbd", standard(CellSpec.DENSE, 1, 0, PrunedBranches.BOTH).key());
        assertEquals("0b0fcbf9fdbd91a7", standard("layerwise", 4, 2, PrunedBranches.BOTH).key());
        assertEquals("9a9e263b28ac82fa", standard("global", 8, 3, PrunedBranches.SEGMENTATION).key());
    }
}
