package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.histoprune.prune.PrunedBranches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep resumed in a new session from its committed cell JSONs alone, its models (scratch) lost: a finished
 * cell stays finished for the report, a parent a pending cell needs is recomputed first up its chain, and a
 * complete grid computes nothing. Tiny nets (base 4, depth 2), 64x64 synthetic tiles, 2 retraining steps.
 */
class LostModelsResumeTest {
    @TempDir
    Path temp;

    private Path data;
    private Path model;
    private ResultStore store;

    @BeforeEach
    void tinySweep() throws Exception {
        data = TinyDataset.write(temp.resolve("data"), 3, 30);
        model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 3)) {
            dense.save(model);
        }
        store = new ResultStore(temp.resolve("store"));
    }

    private List<CellSpec> grid(int maxCr) throws Exception {
        return Preset.QUICK.plan(CellSpec.Study.COMPRESSION).withStrategies(List.of("global"))
                .withCrs(SweepPlan.powersOfTwo(maxCr)).withSeeds(List.of(1L))
                .withRecipe(new Recipe(1, 2, 32, false, 64, false)).cells(model, data, Map.of("synthetic", data));
    }

    private void loseModels() throws Exception {
        try (Stream<Path> files = Files.walk(store.models())) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        assertFalse(Files.exists(store.models()));
    }

    @Test
    void extendedGridRecomputesTheLostParentsUpTheChainThenTheNewCells() throws Exception {
        List<CellSpec> small = grid(4);
        new Sweep(store, model, "test", 10).run(small);
        loseModels();
        List<CellSpec> extended = grid(8);
        List<String> recomputing = new ArrayList<>();
        int computed = new Sweep(new ResultStore(store.root()), model, "test", 10).addListener(new Sweep.Listener() {
            @Override
            public void onRecomputing(CellSpec cell) {
                recomputing.add(cell.key());
            }
        }).run(extended);

        Set<String> chainsBelow8 = small.stream().filter(c -> c.cr() > 1 && !c.merged()).map(CellSpec::key)
                .collect(Collectors.toSet());
        assertEquals(4, chainsBelow8.size(), "segmentation and regression chains at CR 2 and 4");
        assertEquals(chainsBelow8, Set.copyOf(store.recomputedLog()), "only the lost parents of CR 8 are recomputed");
        assertEquals(store.recomputedLog(), recomputing, "each recomputation is announced");
        assertEquals(4 + 3, computed, "the lost parents, then CR 8: segmentation, regression, merged");
        List<String> log = store.computedLog();
        assertEquals(small.size() + computed, log.size());
        assertEquals(Set.copyOf(log.subList(small.size(), log.size())), Set.copyOf(
                Stream.concat(chainsBelow8.stream(), extended.stream().filter(c -> c.cr() == 8).map(CellSpec::key))
                        .toList()));
        for (CellSpec cell : extended) {
            assertEquals(CellResult.Status.DONE, store.read(cell.key()).orElseThrow().status(), cell.toString());
        }

        Path report = temp.resolve("report");
        ReportWriter.write(store.root(), report, null);
        String csv = Files.readString(report.resolve("cells.csv"));
        for (CellSpec cell : extended.stream().filter(c -> c.cr() == 1 || c.merged()).toList()) {
            assertTrue(csv.contains(cell.key() + ","), "cells.csv has the scored cell " + cell);
        }
    }

    @Test
    void completeGridWithLostModelsComputesNothing() throws Exception {
        List<CellSpec> grid = grid(4);
        new Sweep(store, model, "test", 10).run(grid);
        List<String> log = store.computedLog();
        loseModels();
        assertEquals(0, new Sweep(new ResultStore(store.root()), model, "test", 10).run(grid));
        assertEquals(log, store.computedLog());
        assertEquals("models/\nlocks/\nsubsets/\nlogs/\n", Files.readString(store.root().resolve(".gitignore")),
                "models and locks are scratch, kept out of git");
    }

    @Test
    void gridIsDepthFirstPerStrategyAndSeed() throws Exception {
        List<CellSpec> grid = Preset.QUICK.plan(CellSpec.Study.COMPRESSION).withStrategies(List.of("layerwise",
                "global")).withCrs(SweepPlan.powersOfTwo(4)).withSeeds(List.of(1L, 2L))
                .cells(model, data, Map.of("synthetic", data));
        List<String> order = grid.stream().map(c -> c.strategy() + " " + c.seed() + " " + c.cr() + " " + c.branch())
                .distinct().toList();
        List<String> expected = new ArrayList<>(List.of("dense 0 1 both"));
        for (String strategy : List.of("layerwise", "global")) {
            for (long seed : List.of(1L, 2L)) {
                for (int cr : List.of(2, 4)) {
                    for (PrunedBranches branch : List.of(PrunedBranches.SEGMENTATION, PrunedBranches.REGRESSION,
                            PrunedBranches.BOTH)) {
                        expected.add(strategy + " " + seed + " " + cr + " " + branch.cliName());
                    }
                }
            }
        }
        assertEquals(expected, order);
    }

    @Test
    void stopAfterFinishesTheRunningCellAndStartsNoOther() throws Exception {
        List<CellSpec> grid = grid(4);
        Sweep sweep = new Sweep(store, model, "test", 10);
        sweep.addListener(new Sweep.Listener() {
            @Override
            public void onCell(CellResult result, int finished, int total) {
                sweep.stopAfter(java.time.Instant.MIN);
            }
        });
        assertEquals(1, sweep.run(grid));
        assertEquals(List.of(grid.get(0).key()), store.computedLog());
        assertTrue(store.isDone(grid.get(0).key()));
    }
}
