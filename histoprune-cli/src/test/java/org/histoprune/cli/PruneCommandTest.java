package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.data.TinyDataset;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneCommandTest {
    @TempDir
    Path dir;

    private Path model;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void tinyModel() throws Exception {
        model = dir.resolve("dense.hpm");
        try (NucleiModel dense = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            dense.save(model);
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void filterPrunesAResNet34ModelWithL1AndTaylorImportance() throws Exception {
        Path resnet = dir.resolve("resnet.hpm");
        UNetConfig config = new UNetConfig(2, 4).withEncoder(UNetConfig.RESNET34);
        try (NucleiModel dense = NucleiModel.create(config, 1)) {
            dense.save(resnet);
        }
        Path data = TinyDataset.write(dir.resolve("data"), 2, 20);
        Path l1 = dir.resolve("l1.hpm");
        assertEquals(0, run("prune", "--model", resnet.toString(), "--strategy", "l1-filter", "--ratio", "0.5", "--out",
                l1.toString()), err.toString());
        Path taylor = dir.resolve("taylor.hpm");
        assertEquals(0, run("prune", "--model", resnet.toString(), "--strategy", "taylor", "--ratio", "0.5", "--data",
                data.toString(), "--crop", "64", "--taylor-batches", "2", "--out", taylor.toString()), err.toString());
        for (Path pruned : new Path[] {l1, taylor}) {
            try (NucleiModel small = NucleiModel.load(pruned)) {
                assertTrue(small.config().resnet());
                assertEquals(16, small.config().encoderWidth(4), "half of stage 4's 32 filters");
            }
            assertTrue(Files.size(pruned) < Files.size(resnet) / 2, pruned + " is physically smaller");
        }
    }

    @Test
    void prunesToTheRatioAndInfoReportsIt() {
        Path pruned = dir.resolve("pruned.hpm");
        assertEquals(0, run("prune", "--model", model.toString(), "--strategy", "global", "--cr", "4", "--out",
                pruned.toString()), err.toString());
        assertTrue(Files.isRegularFile(pruned));
        assertTrue(Files.isRegularFile(dir.resolve("pruned.round2.hpm")), "each round is kept for resuming");
        assertEquals(0, run("info", pruned.toString()), err.toString());
        assertTrue(out.toString().contains("sparsity 75.00%"), out.toString());
        assertTrue(out.toString().contains("segmentation/enc0.a"), out.toString());
    }

    @Test
    void planOnlyWritesNothing() {
        assertEquals(0, run("prune", "--model", model.toString(), "--strategy", "l1-filter", "--ratio", "0.5",
                "--plan"), err.toString());
        assertTrue(out.toString().contains("theoretical speedup"), out.toString());
        assertTrue(out.toString().contains("2x3x3x3"), out.toString());
    }

    @Test
    void refusesImpossibleRequestsWithExitCode2() {
        Path pruned = dir.resolve("never.hpm");
        assertEquals(2, run("prune", "--model", model.toString(), "--strategy", "layerwise", "--cr", "512", "--out",
                pruned.toString()));
        assertTrue(err.toString().contains("no weight"), err.toString());
        assertFalse(Files.exists(pruned));
        assertEquals(2, run("prune", "--model", model.toString(), "--strategy", "taylor", "--cr", "2", "--out",
                pruned.toString()));
        assertEquals(2, run("prune", "--model", dir.resolve("missing.hpm").toString(), "--strategy", "global",
                "--cr", "2", "--out", pruned.toString()));
        assertEquals(2, run("prune", "--model", model.toString(), "--strategy", "global", "--cr", "4", "--epochs",
                "1", "--out", pruned.toString()), "retraining without --data");
    }
}
