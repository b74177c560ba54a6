package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.histoprune.data.TinyDataset;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.ResultStore;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retraining whose loss is not finite ends its cell as DIVERGED with the round, the step and advice, the rest of
 * its chain follows it, and the sweep itself completes (exit 0). The dense model's head carries a NaN weight, so
 * every retraining loses finite losses at its first step.
 */
class DivergedCellTest {
    @TempDir
    Path temp;

    @Test
    void divergedRetrainingIsRecordedAndTheSweepGoesOn() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 2, 20);
        Path model = temp.resolve("poisoned.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            for (PrunableTensor head : dense.weights().tensors().stream().filter(t -> t.layer().contains("head")).toList()) {
                float[] weights = dense.weights().read(head);
                Arrays.fill(weights, Float.NaN);
                dense.weights().write(head, weights);
            }
            dense.save(model);
        }
        Path results = temp.resolve("results");
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"sweep", "--model", model.toString(), "--data", data.toString(), "--eval",
                "synthetic=" + data, "--results", results.toString(), "--strategies", "global", "--max-cr", "4",
                "--branch", "segmentation", "--epochs", "1", "--steps-per-epoch", "2", "--crop", "64", "--eval-tile", "64", "--threads", "1"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, err.toString());

        List<CellResult> cells = ResultStore.existing(results).all().stream()
                .sorted(Comparator.comparingInt(cell -> cell.spec().cr())).toList();
        assertEquals(List.of(1, 2, 4), cells.stream().map(cell -> cell.spec().cr()).toList());
        assertEquals(CellResult.Status.DONE, cells.get(0).status());
        CellResult diverged = cells.get(1);
        assertEquals(CellResult.Status.DIVERGED, diverged.status());
        assertTrue(diverged.message().matches("retraining of round 1 diverged: .* loss became NaN at step 1.*Try .*"),
                diverged.message());
        assertEquals(CellResult.Status.DIVERGED, cells.get(2).status());
        assertTrue(cells.get(2).message().startsWith("CR 2 of this chain diverged (retraining of round 1"),
                cells.get(2).message());
    }
}
