package org.histoprune.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of results folders whose numbers are constructed, so every claim's truth value is known. */
class ReportWriterTest {
    private static final Recipe RECIPE = new Recipe(1, 10, 64, false, 64, false);
    private static final Map<String, String> EVALS = Map.of("monuseg-test", "/data/test", "tnbc", "/data/tnbc");
    private static final Map<String, Double> DENSE = Map.of("dice", 0.80, "mse", 0.05, "aji", 0.60, "pq", 0.55);

    @TempDir
    Path temp;

    @Test
    void compressionReportChecksThePapersClaims() throws IOException {
        Path results = temp.resolve("results");
        writeCompression(results, "layerwise", "global");
        Path out = temp.resolve("report");
        List<Path> files = ReportWriter.write(results, out, null);

        for (String stem : List.of("figure-monuseg-test", "figure-tnbc", "speedup", "inference-time", "parameters",
                "file-size")) {
            assertNotNull(ImageIO.read(out.resolve(stem + ".png").toFile()), stem + ".png is an image");
            assertTrue(Files.readString(out.resolve(stem + ".svg")).contains("<svg"), stem + ".svg is SVG");
            assertTrue(files.contains(out.resolve(stem + ".png")));
        }
        List<String> csv = Files.readAllLines(out.resolve("cells.csv"));
        assertEquals(1 + 2 * (1 + 7 + 9 + 1) + 2, csv.size(), "header + one row per set of the dense, 7 layer-wise,"
                + " 9 global and 1 repeat-seed cells + one row per infeasible cell");
        assertTrue(csv.get(0).startsWith("key,study,strategy,branch,cr,seed,eval,status,dice,mse,aji,aji_plus,pq,steps,"),
                csv.get(0));
        assertEquals(2, csv.stream().filter(l -> l.matches("[0-9a-f]+,compression,global,both,4,7,(monuseg-test|tnbc),done,.*"))
                .count(), "the second seed's cell has a row per evaluation set");

        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| layer-wise beats network-wide at small CR (2-8) on monuseg-test |"), summary);
        assertEquals("holds", verdict(summary, "layer-wise beats network-wide at small CR (2-8) on monuseg-test"));
        assertEquals("holds", verdict(summary, "layer-wise beats network-wide at small CR (2-8) on tnbc"));
        assertEquals("holds", verdict(summary, "network-wide wins at large CR (>= 64) on monuseg-test"));
        assertEquals("holds", verdict(summary, "network-wide wins at large CR (>= 64) on tnbc"));
        assertEquals("holds", verdict(summary, "Dice is robust to pruning"));
        assertEquals("holds", verdict(summary, "layer-wise less robust under distribution shift (tnbc vs"));
        assertTrue(summary.contains("largest CR with < 2% Dice drop: global 512 (best seed 512), layerwise 16"),
                summary);
        assertTrue(summary.contains("CR 256 AJI") && summary.contains("vs impossible"), summary);
        assertEquals("does not hold", verdict(summary, "layer-wise keeps each task within 2% up to CR 16"));
        assertTrue(summary.contains("dice 16 (best seed 16), mse 8 (best seed 8), aji 8"), "MSE rises 5% at CR 16");
        assertNotNull(ImageIO.read(out.resolve("figure-shift.png").toFile()), "the Fig. 3 analogue");
        assertTrue(summary.contains("Not drawn: no model files"), "no models here: the Fig. 4 analogue is skipped");
        assertTrue(summary.contains("| monuseg-test | aji | 128 | 8 |"), summary);
        assertTrue(summary.contains("| layerwise (paper) | 1.99 |"), summary);
        assertTrue(summary.contains("impossible"), "layer-wise CR 256 is shown as impossible");
    }

    @Test
    void claimsFailWhenTheStrategiesSwapRoles() throws IOException {
        Path results = temp.resolve("swapped");
        writeCompression(results, "global", "layerwise");
        Path out = temp.resolve("report");
        ReportWriter.write(results, out, "monuseg-test");
        String summary = Files.readString(out.resolve("summary.md"));
        assertEquals("does not hold", verdict(summary, "layer-wise beats network-wide at small CR"));
        assertEquals("does not hold", verdict(summary, "layer-wise less robust under distribution shift"));
    }

    @Test
    void differencesInsideTheSpreadOverSeedsAreWithinNoise() {
        List<CellResult> cells = new ArrayList<>();
        cells.add(done(spec("dense", 1, 0), Map.of("monuseg-test", metrics(DENSE, 0)), 1));
        double[] seedOffsets = {-0.02, 0, 0.02};
        for (int cr : List.of(2, 4, 8)) {
            for (int seed = 0; seed < 3; seed++) {
                double offset = seedOffsets[seed];
                // layer-wise 0.002 better on average, seeds spread +-0.02: not a clear difference
                cells.add(done(spec("layerwise", cr, seed + 1), Map.of("monuseg-test",
                        metrics(DENSE, 0.05 - offset - 0.002)), 1));
                cells.add(done(spec("global", cr, seed + 1), Map.of("monuseg-test", metrics(DENSE, 0.05 - offset)), 1));
            }
        }
        CompressionClaims claims = new CompressionClaims(new CompressionView(cells), "monuseg-test");
        CompressionClaims.Claim small = claims.claims().get(0);
        assertTrue(small.claim().startsWith("layer-wise beats network-wide at small CR"), small.claim());
        assertEquals(CompressionClaims.Verdict.WITHIN_NOISE, small.verdict(), small.ours());
        assertTrue(small.ours().contains("(n=3)"), "the numbers carry their spread: " + small.ours());
        assertEquals(CompressionClaims.Verdict.NOT_TESTABLE, claims.claims().get(1).verdict(), "no CR >= 64");
    }

    @Test
    void repeatedSeedsGiveErrorBars() {
        CellSpec spec = spec("global", 4, 1);
        List<CellResult> cells = List.of(done(spec, Map.of("m", metrics(DENSE, 0.0)), 1),
                done(spec.withCr(4), Map.of("m", metrics(DENSE, 0.1)), 1));
        Series series = Series.of("global", cells, c -> c.spec().cr(), CompressionView.metric("m", "aji"));
        assertEquals(2, series.at(4).orElseThrow().n());
        assertEquals(0.1 / Math.sqrt(2), series.at(4).orElseThrow().sd(), 1e-9, "sample SD of AJI 0.6 and 0.5");
        assertTrue(series.repeated());
    }

    @Test
    void sampleSizeReportAnswersWhetherASmallerTrainingSetToleratesLessPruning() throws IOException {
        Path results = temp.resolve("sample");
        ResultStore store = new ResultStore(results);
        // AJI per (fraction, ratio) for seeds 1 and 2: the 10 % networks lose far more when pruned
        Map<Double, double[][]> aji = Map.of(0.1, new double[][] {{0.50, 0.52}, {0.40, 0.42}, {0.20, 0.22}},
                1.0, new double[][] {{0.60, 0.61}, {0.59, 0.60}, {0.50, 0.51}});
        double[] ratios = {0, 0.5, 0.9};
        for (Map.Entry<Double, double[][]> fraction : aji.entrySet()) {
            for (int r = 0; r < ratios.length; r++) {
                for (int seed = 1; seed <= 2; seed++) {
                    double value = fraction.getValue()[r][seed - 1];
                    CellSpec spec = new CellSpec(CellSpec.Study.SAMPLE_SIZE, "l1-filter", 1, true, ratios[r],
                            fraction.getKey(), seed, RECIPE, "sha", "/data/train", Map.of("monuseg-test", "/d"));
                    store.write(done(spec, Map.of("monuseg-test", Map.of("aji", value, "pq", value - 0.05, "dice",
                            value + 0.2, "mse", 0.05)), 1 / (1 - ratios[r]) / (1 - ratios[r]),
                            Map.of(CellRunner.TRAINING_IMAGES, fraction.getKey() == 1.0 ? 27.0 : 3.0)));
                }
            }
        }
        Path out = temp.resolve("report");
        ReportWriter.write(results, out, null);
        assertNotNull(ImageIO.read(out.resolve("sample-size-monuseg-test.png").toFile()));
        List<String> csv = Files.readAllLines(out.resolve("cells.csv"));
        assertEquals(String.join(",", SampleSizeReport.COLUMNS), csv.get(0));
        assertEquals(1 + 2 * 3 * 2, csv.size(), "a row per (fraction, ratio, seed) on the one set");
        assertTrue(csv.get(1).startsWith("0.100000,3.00000,0.00000,1,monuseg-test,0.700000,"), csv.get(1));
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| 10% (3 images) | 0.510+-0.014 (n=2) | +0.100+-0.000 (n=2) |"
                + " +0.300+-0.000 (n=2) |"), summary);
        assertEquals("holds", verdict(summary, "a smaller training set tolerates less pruning"));
        assertEquals("does not hold", verdict(summary, "pruning up to 30-40% comparable to unpruned (10%"));
        assertEquals("holds", verdict(summary, "pruning up to 30-40% comparable to unpruned (100%"));
    }

    @Test
    void filterImportanceReportJudgesTaylorAgainstL1OnFlopsAndMeasuredTime() throws IOException {
        Path results = temp.resolve("importance");
        ResultStore store = new ResultStore(results);
        List<Double> chain = List.of(0.3, 0.5);
        CellSpec denseSpec = new CellSpec(CellSpec.Study.FILTER_IMPORTANCE, CellSpec.DENSE, 1, false, 0, 0, 0, RECIPE,
                "sha", "/data/train", EVALS);
        store.write(done(denseSpec, Map.of("monuseg-test", DENSE), 1, Map.of(CellRunner.INFER_SECONDS, 2.0)));
        // Taylor keeps AJI within 2 % through 50 %, L1 loses 8 % at the first step; times follow the FLOPs
        Map<String, double[][]> aji = Map.of("taylor", new double[][] {{0.595, 0.597}, {0.59, 0.592}},
                "l1-filter", new double[][] {{0.55, 0.552}, {0.50, 0.502}});
        for (Map.Entry<String, double[][]> line : aji.entrySet()) {
            for (int step = 0; step < chain.size(); step++) {
                for (int seed = 1; seed <= 2; seed++) {
                    double ratio = chain.get(step);
                    double value = line.getValue()[step][seed - 1];
                    CellSpec spec = new CellSpec(CellSpec.Study.FILTER_IMPORTANCE, line.getKey(), 1, false, ratio, 0,
                            seed, RECIPE, "sha", "/data/train", EVALS, "both", chain);
                    double kept = (1 - ratio) * (1 - ratio);
                    store.write(done(spec, Map.of("monuseg-test", Map.of("aji", value, "pq", value - 0.05, "dice",
                            value + 0.2, "mse", 0.05)), 1 / kept, Map.of(CellRunner.INFER_SECONDS, 2.0 * kept,
                            CellRunner.RETRAIN_STEPS, 50.0)));
                }
            }
        }
        Path out = temp.resolve("report");
        ReportWriter.write(results, out, null);
        for (String chart : List.of("filter-importance-monuseg-test", "filter-importance-time")) {
            assertNotNull(ImageIO.read(out.resolve(chart + ".png").toFile()), chart);
            assertTrue(Files.size(out.resolve(chart + ".svg")) > 0, chart);
        }
        List<String> csv = Files.readAllLines(out.resolve("cells.csv"));
        assertEquals(String.join(",", FilterImportanceReport.COLUMNS), csv.get(0));
        assertEquals(1 + 1 + 2 * 2 * 2, csv.size(), "dense + (importance, ratio, seed) on the one set");
        assertTrue(csv.stream().anyMatch(row -> row.startsWith("taylor,0.500000,2,monuseg-test,0.792000,0.0500000,"
                + "0.592000,0.542000,0.750000,25000,0.500000,50.0000,done,models/x.hpm")), String.join("\n", csv));
        String summary = Files.readString(out.resolve("summary.md"));
        assertEquals("holds", verdict(summary, "Taylor keeps AJI/PQ/Dice better than L1 on monuseg-test"));
        assertEquals("holds", verdict(summary, "taylor: pruning keeps"));
        assertEquals("does not hold", verdict(summary, "l1-filter: pruning keeps"));
        assertTrue(summary.contains("| taylor | 50% | 75.0% | 25,000 | 0.50 | 4.00 / 4.00 (1.00) |"), summary);
    }

    /** Dense, layer-wise CR 2..128 (256 and 512 infeasible), global CR 2..512 (plus a second seed at CR 4). */
    private static void writeCompression(Path results, String good, String bad) throws IOException {
        ResultStore store = new ResultStore(results);
        store.write(done(spec("dense", 1, 0), Map.of("monuseg-test", metrics(DENSE, 0), "tnbc",
                metrics(DENSE, 0.1)), 1000));
        for (int k = 1; k <= 9; k++) {
            int cr = 1 << k;
            double goodDrop = k <= 3 ? 0 : 0.05 * (k - 3);
            double goodDice = k <= 3 ? 0 : k == 4 ? 0.01 : 0.05 * (k - 3);
            if (k <= 7) {
                store.write(done(spec(good, cr, 42), Map.of("monuseg-test", drops(goodDrop, goodDice, 0),
                        "tnbc", drops(2 * goodDrop, goodDice, 0.1)), 1000 * cr));
            } else {
                CellSpec spec = spec(good, cr, 42);
                store.write(new CellResult(spec.key(), spec, CellResult.Status.INFEASIBLE, "impossible", null, null,
                        Map.of(), Map.of(), 0, "host", "now"));
            }
            double badDrop = k <= 7 ? 0.01 : 0.05 * (k - 7);
            store.write(done(spec(bad, cr, 42), Map.of("monuseg-test", drops(badDrop, 0.005, 0), "tnbc",
                    drops(badDrop, 0.005, 0.1)), 1000 * Math.pow(1.5, k)));
        }
        store.write(done(spec(bad, 4, 7), Map.of("monuseg-test", drops(0.01, 0.005, 0), "tnbc",
                drops(0.01, 0.005, 0.1)), 2.25e3));
    }

    /** Metrics {@code drop} (relative) below the dense ones, Dice by {@code diceDrop}; {@code shift} lowers all. */
    private static Map<String, Double> drops(double drop, double diceDrop, double shift) {
        Map<String, Double> m = new LinkedHashMap<>(metrics(DENSE, shift));
        m.put("aji", m.get("aji") * (1 - drop));
        m.put("pq", m.get("pq") * (1 - drop));
        m.put("mse", m.get("mse") * (1 + drop));
        m.put("dice", m.get("dice") * (1 - diceDrop));
        return m;
    }

    private static Map<String, Double> metrics(Map<String, Double> base, double shift) {
        Map<String, Double> m = new LinkedHashMap<>();
        base.forEach((k, v) -> m.put(k, k.equals("mse") ? v + shift / 10 : v - shift));
        m.put(Evaluator.SECONDS_PER_IMAGE, 1.0);
        return m;
    }

    private static CellSpec spec(String strategy, int cr, long seed) {
        return new CellSpec(CellSpec.Study.COMPRESSION, strategy, cr, false, 0, 0, seed, RECIPE, "sha", "/data/train",
                EVALS);
    }

    private static CellResult done(CellSpec spec, Map<String, Map<String, Double>> metrics, double speedup) {
        return done(spec, metrics, speedup, Map.of());
    }

    /** A finished cell whose parameters fall with its CR, or for the filter studies with its FLOPs. */
    private static CellResult done(CellSpec spec, Map<String, Map<String, Double>> metrics, double speedup,
            Map<String, Double> facts) {
        double shrink = spec.study() == CellSpec.Study.COMPRESSION ? spec.cr() : speedup;
        CellResult.Cost cost = new CellResult.Cost(Math.round(100_000 / shrink), 90_000, Math.round(90_000 / shrink),
                1e9 / speedup, speedup, Math.round(400_000 / shrink), 1.0);
        return new CellResult(spec.key(), spec, CellResult.Status.DONE, "", "models/x.hpm", cost, facts, metrics,
                1, "host", "now");
    }

    private static String verdict(String summary, String claimStart) {
        return summary.lines().filter(l -> l.startsWith("| " + claimStart)).findFirst()
                .map(l -> l.substring(l.lastIndexOf('|', l.length() - 2) + 1, l.length() - 1).trim())
                .orElseThrow(() -> new AssertionError("no row for " + claimStart + " in\n" + summary));
    }
}
