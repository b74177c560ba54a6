package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.histoprune.data.TinyDataset;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.ResultStore;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep process killed with kill -9 in the middle of its grid and started again: every cell finished before
 * the kill is kept byte for byte, the restart computes exactly the missing cells, and a third start computes
 * nothing; killed at random moments several times, no finished cell is ever lost, rewritten or left corrupt.
 * Tiny nets (base 4, depth 2), 64x64 synthetic tiles, 2 retraining steps per round, both branches pruned in their
 * own chains and merged per CR.
 */
class SweepResumeTest {
    private static final Pattern COMPUTED = Pattern.compile("computed (\\d+) cells here; (\\d+) of (\\d+) finished");
    /** Dense + {layerwise, global} x CR {2, 4, 8} x (segmentation chain, regression chain, merged). */
    private static final int GRID = 19;

    @TempDir
    Path temp;

    @Test
    void killedSweepResumesWithoutLosingOrRepeatingCells() throws Exception {
        Path results = temp.resolve("results");
        List<String> args = sweepArgs(results);

        Process first = start(args, temp.resolve("first.log"));
        Path log = results.resolve("computed.log");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (lines(log) < 2 && first.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        first.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        Map<String, byte[]> before = cellFiles(results);
        assertTrue(before.size() >= 2 && before.size() < GRID,
                "killed mid-grid: " + before.size() + " cells stored\n" + Files.readString(temp.resolve("first.log")));

        Process second = start(args, temp.resolve("second.log"));
        assertTrue(second.waitFor(10, TimeUnit.MINUTES), "restart finishes");
        String output = Files.readString(temp.resolve("second.log"));
        assertEquals(0, second.exitValue(), output);
        Matcher matcher = COMPUTED.matcher(output);
        assertTrue(matcher.find(), output);
        assertEquals(GRID - before.size(), Integer.parseInt(matcher.group(1)), "only the missing cells: " + output);
        assertEquals(GRID, Integer.parseInt(matcher.group(2)));

        Map<String, byte[]> after = cellFiles(results);
        assertEquals(GRID, after.size());
        before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)),
                name + " was rewritten"));
        List<String> computed = new ResultStore(results).computedLog();
        assertEquals(new HashSet<>(computed).size(), computed.size(), "no cell computed twice: " + computed);
        for (String key : computed) {
            assertTrue(after.containsKey(key + ".json"), key);
        }
        for (CellResult cell : new ResultStore(results).all()) {
            if (cell.spec().strategy().equals("layerwise") && cell.spec().cr() == 8) {
                // the base-4 net's 1x1 heads hold 4 weights: layer-wise CR 8 would empty them
                assertEquals(CellResult.Status.INFEASIBLE, cell.status());
                assertTrue(cell.message().contains("would leave"), cell.message());
                continue;
            }
            assertEquals(CellResult.Status.DONE, cell.status(), cell.message());
            if (cell.spec().evals().isEmpty()) {
                assertTrue(cell.metrics().isEmpty(), "a chain cell is scored through its merge");
                continue;
            }
            assertTrue(cell.metrics().get("synthetic").get("dice") >= 0);
            if (cell.spec().cr() > 1) {
                double sparsity = 1 - (double) cell.cost().aliveWeights() / cell.cost().convWeights();
                assertEquals(1 - 1.0 / cell.spec().cr(), sparsity, 0.002, "CR " + cell.spec().cr());
            }
        }

        Process third = start(args, temp.resolve("third.log"));
        assertTrue(third.waitFor(5, TimeUnit.MINUTES));
        assertTrue(Files.readString(temp.resolve("third.log")).contains("computed 0 cells here; 19 of 19 finished"));
    }

    @Test
    void sweepKilledAtRandomMomentsNeverLosesOrCorruptsAFinishedCell() throws Exception {
        Path results = temp.resolve("results");
        List<String> args = sweepArgs(results);
        long seed = new java.util.Random().nextLong();
        java.util.Random random = new java.util.Random(seed);
        Map<String, byte[]> kept = Map.of();
        for (int kill = 0; kill < 4; kill++) {
            Path log = temp.resolve("run" + kill + ".log");
            Process run = start(args, log);
            // The fault: SIGKILL at a random moment, from JVM start-up to the middle of a cell's atomic write.
            run.waitFor(1000 + random.nextInt(12_000), TimeUnit.MILLISECONDS);
            run.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            Map<String, byte[]> now = cellFiles(results);
            String context = "seed " + seed + ", kill " + kill + "\n" + Files.readString(log);
            kept.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, now.get(name)),
                    name + " lost or rewritten; " + context));
            for (CellResult cell : new ResultStore(results).all()) {
                assertTrue(cell.status() != CellResult.Status.DONE || Files.size(new ResultStore(results)
                        .modelFile(cell)) > 0, cell.spec() + " has no model; " + context);
            }
            kept = now;
        }
        Process last = start(args, temp.resolve("last.log"));
        assertTrue(last.waitFor(10, TimeUnit.MINUTES), "the last run finishes");
        assertEquals(0, last.exitValue(), Files.readString(temp.resolve("last.log")));
        Map<String, byte[]> after = cellFiles(results);
        assertEquals(GRID, after.size(), "seed " + seed);
        kept.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name));
        for (CellResult cell : new ResultStore(results).all()) {
            if (cell.status() == CellResult.Status.DONE) {
                NucleiModel.load(new ResultStore(results).modelFile(cell)).close();
            }
        }
    }

    /** The sweep of the tests, on three synthetic tiles and a dense base-4 net written here. */
    private List<String> sweepArgs(Path results) throws IOException {
        Path data = TinyDataset.write(temp.resolve("data"), 3, 10);
        Path model = temp.resolve("dense.hpm");
        // the 1x1 head of older model files, so that layer-wise CR 8 is infeasible on this small grid
        UNetConfig legacyHead = new UNetConfig(4, 2, List.of(), UNetConfig.PLAIN, UNetConfig.LEGACY_HEAD_KERNEL);
        try (NucleiModel dense = NucleiModel.create(legacyHead, 1)) {
            dense.save(model);
        }
        return List.of("sweep", "--model", model.toString(), "--data", data.toString(), "--eval",
                "synthetic=" + data, "--results", results.toString(), "--strategies", "layerwise,global",
                "--max-cr", "8", "--epochs", "1", "--steps-per-epoch", "2", "--crop", "64", "--eval-tile", "64",
                "--threads", "1");
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static Map<String, byte[]> cellFiles(Path results) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        if (!Files.isDirectory(results.resolve("cells"))) {
            return files; // killed before the sweep had set up its folder
        }
        try (Stream<Path> cells = Files.list(results.resolve("cells"))) {
            for (Path cell : cells.toList()) {
                files.put(cell.getFileName().toString(), Files.readAllBytes(cell));
            }
        }
        return files;
    }
}
