package org.histoprune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.histoprune.data.TinyDataset;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.ResultStore;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --master local[2]}: the dense cell, then one task per chain, real (tiny) trainings one at a time in
 * the JVM; the cells land in the results store as a local sweep's do, the local report reads them, and a second run
 * computes nothing. Base-4 nets of depth 2 on 64x64 synthetic tiles, 2 retraining steps per round.
 */
class ClusterSweepTest {
    private static final Pattern COMPUTED = Pattern.compile("computed (\\d+) cells in (\\d+) chains \\((\\d+) tasks "
            + "re-run\\); (\\d+) of (\\d+) finished");

    @TempDir
    Path temp;

    @Test
    void chainsAsTasksFillTheSharedStoreAndResume() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 3, 10);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2, List.of(), UNetConfig.PLAIN,
                UNetConfig.LEGACY_HEAD_KERNEL), 1)) {
            dense.save(model);
        }
        Path results = temp.resolve("results");
        String[] args = {"sweep", "--master", "local[2]", "--model", model.toString(), "--data", data.toString(),
            "--eval", "synthetic=" + data, "--results", results.toString(), "--strategies", "layerwise,global",
            "--max-cr", "4", "--epochs", "1", "--steps-per-epoch", "2", "--crop", "64", "--eval-tile", "64",
            "--threads", "1"};

        Matcher first = COMPUTED.matcher(run(args));
        assertTrue(first.find());
        assertEquals(List.of("13", "2", "0", "13", "13"), List.of(first.group(1), first.group(2), first.group(3),
                first.group(4), first.group(5)), "dense + 2 units (strategy, seed) of CR 2, 4: each branch's chain and the merged cells");
        List<CellResult> cells = ResultStore.existing(results).all();
        assertEquals(13, cells.size());
        assertTrue(cells.stream().allMatch(c -> c.status() == CellResult.Status.DONE
                || c.status() == CellResult.Status.INFEASIBLE), cells.toString());

        Matcher second = COMPUTED.matcher(run(args));
        assertTrue(second.find());
        assertEquals("0", second.group(1), "a rerun computes nothing");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int report = org.histoprune.cli.Main.run(new String[] {"report", "--results", results.toString(), "--out",
            temp.resolve("report").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, report, err.toString());
        assertTrue(Files.exists(temp.resolve("report").resolve("cells.csv")));
    }

    private static String run(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }
}
