package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} then {@code segment} through the command line, on a tiny synthetic dataset and a tiny U-Net. */
class TrainSegmentCommandTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void trainedModelSegmentsAnImageIntoAllOutputs() throws Exception {
        Path data = dir.resolve("data");
        for (int i = 0; i < 2; i++) {
            writePair(data, "tile" + i, i);
        }
        Path model = dir.resolve("model.hpm");
        Result train = run("train", "--data", data.toString(), "--out", model.toString(), "--base", "4",
                "--depth", "2", "--crop", "64", "--epochs", "1", "--steps-per-epoch", "2", "--validation", "0.5");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("COMPLETED after 2 steps"), train.out());
        assertTrue(Files.isRegularFile(model) && Files.isRegularFile(dir.resolve("model.last.hpm")));

        Path tuned = dir.resolve("tuned.hpm");
        Result fineTune = run("train", "--data", data.toString(), "--out", tuned.toString(), "--init", model.toString(),
                "--base", "4", "--depth", "2", "--crop", "64", "--epochs", "1", "--steps-per-epoch", "1",
                "--validation", "0.5");
        assertEquals(0, fineTune.exitCode(), fineTune.err());
        assertTrue(fineTune.out().contains("COMPLETED after 1 steps"), fineTune.out());
        Result wrongBase = run("train", "--data", data.toString(), "--out", tuned.toString(), "--init", model.toString(),
                "--base", "8", "--depth", "2", "--crop", "64", "--epochs", "1", "--steps-per-epoch", "1");
        assertEquals(2, wrongBase.exitCode(), wrongBase.err());
        assertTrue(wrongBase.err().contains("model.hpm") && wrongBase.err().contains("same architecture"),
                wrongBase.err());

        Path out = dir.resolve("out");
        Result segment = run("segment", "--model", model.toString(), "--input", data.resolve("tile0.png").toString(),
                "--out", out.toString(), "--tile", "64", "--overlap", "16", "--maps");
        assertEquals(0, segment.exitCode(), segment.err());
        for (String file : new String[] {"labels.png", "nuclei.geojson", "nuclei.csv", "overlay.png",
            "foreground.tif", "distance.tif"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        LabelImage labels = RasterFiles.readLabels(out.resolve("labels.png"));
        assertEquals(96, labels.width());
    }

    @Test
    void divergedTrainingSaysWhereAndWhatToTry() throws Exception {
        Path data = dir.resolve("data");
        writePair(data, "tile0", 0);
        Result train = run("train", "--data", data.toString(), "--out", dir.resolve("m.hpm").toString(), "--base", "4",
                "--depth", "2", "--crop", "64", "--epochs", "1", "--steps-per-epoch", "3", "--lr", "1e30");
        assertEquals(2, train.exitCode(), train.err());
        assertTrue(train.err().matches("(?s)error: training diverged: \\w+ loss became NaN at step \\d.*Try a lower --lr.*"),
                train.err());
        assertFalse(train.err().contains("internal error"), train.err());
    }

    @Test
    void missingModelAndBadBudgetAreBadInput() {
        Result missing = run("segment", "--model", dir.resolve("none.hpm").toString(), "--input",
                dir.resolve("none.png").toString(), "--out", dir.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("none"), missing.err());
        Result badCrop = run("train", "--data", dir.toString(), "--out", dir.resolve("m.hpm").toString(), "--crop", "100");
        assertEquals(2, badCrop.exitCode());
        assertTrue(badCrop.err().contains("crop"), badCrop.err());
    }

    private static void writePair(Path folder, String name, long seed) throws Exception {
        Random random = new Random(seed);
        int size = 96;
        RgbImage image = new RgbImage(size, size);
        LabelImage labels = new LabelImage(size, size);
        java.util.Arrays.fill(image.rgb(), RgbImage.pack(225, 175, 205));
        for (int n = 1; n <= 12; n++) {
            int cx = random.nextInt(size);
            int cy = random.nextInt(size);
            for (int y = Math.max(0, cy - 5); y < Math.min(size, cy + 5); y++) {
                for (int x = Math.max(0, cx - 5); x < Math.min(size, cx + 5); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 25) {
                        image.rgb()[y * size + x] = RgbImage.pack(90, 50, 150);
                        labels.labels()[y * size + x] = n;
                    }
                }
            }
        }
        Files.createDirectories(folder);
        RasterFiles.writeRgbPng(image, folder.resolve(name + ".png"));
        RasterFiles.writeLabels(labels, folder.resolve(name + "_labels.png"));
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
