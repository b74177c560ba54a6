package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep --preset standard --dry-run}: the paper's design in 163 cells, with an estimate, and nothing run. */
class SweepDryRunTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) cells, 0 finished, (\\d+) infeasible on this model .* at most about ([0-9.]+) h on 2 cores");

    @TempDir
    Path temp;

    @Test
    void theStandardPresetListsEveryStrategyBranchCrAndSeedWithAnEstimate() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 2, 40);
        Path model = temp.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            dense.save(model);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"sweep", "--preset", "standard", "--dry-run", "--model", model.toString(),
            "--data", data.toString(), "--eval", "monuseg-test=" + data, "--eval", "tnbc=" + data, "--results",
            temp.resolve("results").toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        String text = out.toString();
        Matcher summary = SUMMARY.matcher(text);
        assertTrue(summary.find(), text);
        assertEquals(1 + 2 * 9 * 3 * 3, Integer.parseInt(summary.group(1)),
                "dense + {layerwise, global} x CR 2..512 x seeds 1..3 x (segmentation, regression, merged)");
        assertTrue(Integer.parseInt(summary.group(2)) > 0, "layer-wise empties the tiny net's layers at high CR");
        assertTrue(Double.parseDouble(summary.group(3)) > 0, text);
        for (String branch : new String[] {"segmentation", "regression", "both"}) {
            assertTrue(text.contains(" layerwise  " + branch), branch + " cells are listed:\n" + text);
        }
        assertTrue(text.lines().filter(l -> l.contains("pending")).anyMatch(l -> l.contains("seed 3")), text);
        assertTrue(Files.notExists(temp.resolve("results/computed.log")), "a dry run computes nothing");
    }

    @Test
    void theFilterStudiesListTheirGridsAndTakeTheirOverrides() throws Exception {
        Path data = TinyDataset.write(temp.resolve("data"), 2, 40);
        String[] common = {"--dry-run", "--data", data.toString(), "--eval", "monuseg-test=" + data};
        String importance = dryRun(common, "--study", "filter-importance", "--preset", "standard", "--results",
                temp.resolve("importance").toString());
        Matcher summary = SUMMARY.matcher(importance);
        assertTrue(summary.find(), importance);
        assertEquals(1 + 2 * 2 * 9, Integer.parseInt(summary.group(1)),
                "dense + {l1-filter, taylor} x seeds 1, 2 x chains of 10..90 %");
        assertTrue(importance.contains(" taylor     both         CR 1    ratio 0.90"), importance);
        assertTrue(importance.contains("megapixels of inference timing"), importance);

        String sampleSize = dryRun(common, "--study", "sample-size", "--preset", "standard", "--fractions",
                "0.5,1", "--filter-ratios", "0.5", "--seeds", "7", "--results", temp.resolve("sample").toString());
        summary = SUMMARY.matcher(sampleSize);
        assertTrue(summary.find(), sampleSize);
        assertEquals(2 * 2, Integer.parseInt(summary.group(1)), "fractions 50, 100 % x ratios 0 (trained), 50 %");
        assertTrue(sampleSize.contains("ratio 0.50 r 0.5    seed 7 pending"), sampleSize);
    }

    private static String dryRun(String[] common, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[1 + common.length + args.length];
        all[0] = "sweep";
        System.arraycopy(common, 0, all, 1, common.length);
        System.arraycopy(args, 0, all, 1 + common.length, args.length);
        assertEquals(0, Main.run(all, new PrintWriter(out), new PrintWriter(err)), err.toString());
        return out.toString();
    }
}
