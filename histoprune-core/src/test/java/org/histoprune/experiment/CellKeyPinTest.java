package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.histoprune.prune.PrunedBranches;
import org.junit.jupiter.api.Test;

/**
 * The keys of compression cells name the files of sweeps already running from committed stores
 * (docs/results/standard/store): they must not change when cell specs or recipes gain fields for other studies.
 * The values were computed before the filter-importance and sample-size studies were added; the dense one is the
 * key of the first cell the standard sweep committed.
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
        assertEquals("e754529619729baa", standard(CellSpec.DENSE, 1, 0, PrunedBranches.BOTH).key());
        assertEquals("dc1194c9da8e30be", standard("layerwise", 4, 2, PrunedBranches.BOTH).key());
        assertEquals("0547d6a217ac1d5d", standard("global", 8, 3, PrunedBranches.SEGMENTATION).key());
    }
}
