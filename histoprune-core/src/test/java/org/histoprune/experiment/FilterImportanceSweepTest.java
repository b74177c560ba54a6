package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter-importance study end to end on a tiny net: plan, both importances' chains (each step pruned from the
 * previous one, counts of the dense widths rounded to 8, retrained), scores, timing, report; a rerun computes nothing.
 */
class FilterImportanceSweepTest {
    @TempDir
    Path temp;

    @Test
    void chainsOfBothImportancesRunScoreTimeAndReportAndAResumeComputesNothing() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 3, 40);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(16, 2), 3)) {
            dense.save(model);
        }
        SweepPlan plan = Preset.QUICK.plan(CellSpec.Study.FILTER_IMPORTANCE).withFilterRatios(List.of(0.75, 0.5))
                .withRecipe(new Recipe(1, 2, 32, false, 64, false, 0, Preset.FILTER_CHANNEL_MULTIPLE, 0, false));
        List<CellSpec> grid = plan.cells(model, data, Map.of("synthetic", data));
        assertEquals(1 + 2 * 2, grid.size(), "dense + (l1-filter, taylor) x steps 50 %, 75 %");
        CellSpec last = grid.get(grid.size() - 1);
        assertEquals(List.of(0.5, 0.75), last.chainRatios());
        assertEquals(0.5, last.parents().get(0).filterRatio(), "a step prunes the previous step's model");
        assertTrue(last.parents().get(0).parents().isEmpty(), "the first step prunes the dense model");

        ResultStore store = new ResultStore(temp.resolve("results"));
        assertEquals(grid.size(), new Sweep(store, model, "test", 10).run(grid));
        for (CellSpec spec : grid) {
            CellResult cell = store.read(spec.key()).orElseThrow();
            assertEquals(CellResult.Status.DONE, cell.status(), cell.message());
            for (String metric : List.of("dice", "mse", "aji", "pq")) {
                assertTrue(Double.isFinite(cell.metrics().get("synthetic").get(metric)), metric);
            }
            assertTrue(cell.facts().get(CellRunner.INFER_SECONDS) > 0, "timed on a 1000x1000 image");
        }
        for (String importance : List.of("l1-filter", "taylor")) {
            try (NucleiModel half = NucleiModel.load(store.modelFile(cell(store, grid, importance, 0.5)));
                    NucleiModel quarter = NucleiModel.load(store.modelFile(cell(store, grid, importance, 0.75)))) {
                assertEquals(List.of(8, 16), List.of(half.config().filters(0), half.config().filters(2)),
                        importance + ": half of 16 and 32 filters");
                assertEquals(List.of(8, 8), List.of(quarter.config().filters(0), quarter.config().filters(2)),
                        importance + ": a quarter of the dense widths, at least one multiple of 8");
            }
            assertEquals(2.0, cell(store, grid, importance, 0.75).facts().get(CellRunner.RETRAIN_STEPS));
        }

        int computed = store.computedLog().size();
        assertEquals(0, new Sweep(store, model, "test", 10).run(grid), "a resumed run computes nothing");
        assertEquals(computed, store.computedLog().size());

        Path report = temp.resolve("report");
        ReportWriter.write(store.root(), report, null);
        List<String> csv = Files.readAllLines(report.resolve("cells.csv"));
        assertEquals(String.join(",", FilterImportanceReport.COLUMNS), csv.get(0));
        assertEquals(1 + grid.size(), csv.size(), "a row per cell on the one set");
        for (String file : List.of("filter-importance-synthetic.png", "filter-importance-synthetic.svg",
                "filter-importance-time.png", "filter-importance-time.svg")) {
            assertTrue(Files.size(report.resolve(file)) > 0, file);
        }
        String summary = Files.readString(report.resolve("summary.md"));
        assertTrue(summary.contains("| Taylor keeps AJI/PQ/Dice better than L1 on synthetic |"), summary);
        assertTrue(summary.contains("### Models of the 50 % steps"), summary);
    }

    private static CellResult cell(ResultStore store, List<CellSpec> grid, String importance, double ratio) {
        return grid.stream().filter(c -> c.strategy().equals(importance) && c.filterRatio() == ratio).findFirst()
                .flatMap(c -> store.read(c.key())).orElseThrow();
    }
}
