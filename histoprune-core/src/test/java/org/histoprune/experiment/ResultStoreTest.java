package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.histoprune.prune.PrunedBranches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    private static final Recipe RECIPE = new Recipe(1, 10, 64, false, 64, false);

    @TempDir
    Path temp;

    private static CellSpec spec(String strategy, int cr) {
        return new CellSpec(CellSpec.Study.COMPRESSION, strategy, cr, false, 0, 0, 42, RECIPE, "abc", "/train",
                Map.of("b", "/b", "a", "/a"));
    }

    @Test
    void keyDependsOnEveryPartOfTheConfigurationOnly() {
        CellSpec spec = spec("global", 4);
        assertEquals(spec.key(), spec("global", 4).key());
        assertEquals(16, spec.key().length());
        assertEquals(spec.key(), new CellSpec(CellSpec.Study.COMPRESSION, "global", 4, false, 0, 0, 42, RECIPE, "abc",
                "/train", Map.of("a", "/a", "b", "/b")).key(), "evaluation sets in another order");
        assertNotEquals(spec.key(), spec("global", 8).key());
        assertNotEquals(spec.key(), spec("layerwise", 4).key());
        assertNotEquals(spec.key(), new CellSpec(CellSpec.Study.COMPRESSION, "global", 4, false, 0, 0, 43, RECIPE,
                "abc", "/train", Map.of("a", "/a", "b", "/b")).key(), "seed");
        assertNotEquals(spec.key(), new CellSpec(CellSpec.Study.COMPRESSION, "global", 4, false, 0, 0, 42,
                RECIPE.withEpochs(2), "abc", "/train", Map.of("a", "/a", "b", "/b")).key(), "recipe");
    }

    @Test
    void chainCellsContinueFromHalfTheirCrAndMergedCellsJoinTheTwoBranchesAtTheirCr() {
        CellSpec eight = spec("global", 8).chainCell(PrunedBranches.SEGMENTATION);
        assertEquals(List.of(eight.withCr(4)), eight.parents());
        assertTrue(eight.withCr(2).parents().isEmpty(), "CR 2 starts from the dense model file");
        CellSpec oneShot = new CellSpec(CellSpec.Study.COMPRESSION, "global", 8, true, 0, 0, 42, RECIPE, "abc",
                "/train", Map.of(), "regression");
        assertTrue(oneShot.parents().isEmpty());

        CellSpec merged = spec("global", 8);
        assertTrue(merged.merged());
        assertEquals(List.of("segmentation", "regression"), merged.parents().stream().map(CellSpec::branch).toList());
        assertTrue(merged.parents().stream().allMatch(p -> p.cr() == 8 && p.evals().isEmpty()),
                "the chains are scored through the merge only");
        assertNotEquals(merged.key(), merged.parents().get(0).key());
        assertEquals(spec("global", 2).dense().key(), spec("layerwise", 64).dense().key(), "one shared dense cell");
    }

    @Test
    void aClaimIsExclusiveUntilReleasedOrItsProcessDies() throws IOException {
        ResultStore store = new ResultStore(temp);
        assertTrue(store.tryClaim("k1"));
        assertFalse(store.tryClaim("k1"), "held by this live process");
        store.release("k1");
        assertTrue(store.tryClaim("k1"));

        long dead = new ProcessBuilder("true").start().onExit().join().pid();
        Files.writeString(temp.resolve("locks/k2.lock"), dead + "@" + InetAddress.getLocalHost().getHostName());
        assertTrue(store.tryClaim("k2"), "the claim of a process that ended is stale");
        Files.writeString(temp.resolve("locks/k3.lock"), "1@another-host");
        assertFalse(store.tryClaim("k3"), "claims of other hosts are respected");
    }

    @Test
    void storedCellsReadBackAndAreLogged() throws IOException {
        ResultStore store = new ResultStore(temp);
        CellSpec spec = spec("global", 4);
        CellResult result = new CellResult(spec.key(), spec, CellResult.Status.DONE, "", "models/m.hpm",
                new CellResult.Cost(10, 20, 5, 1e6, 3.5, 1234, 0.5), Map.of("patches", 3.0),
                Map.of("a", Map.of("dice", 0.8, "aji", Double.NaN)), 2.5, "h", "t");
        store.write(result);
        assertTrue(store.isDone(spec.key()));
        CellResult back = store.read(spec.key()).orElseThrow();
        assertEquals(result.spec(), back.spec());
        assertEquals(result.cost(), back.cost());
        assertEquals(0.8, back.metrics().get("a").get("dice"));
        assertTrue(back.metrics().get("a").get("aji").isNaN());
        assertEquals(List.of(spec.key()), store.computedLog());
        assertEquals(1, store.all().size());
    }
}
