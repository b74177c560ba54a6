package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.segment.TargetMaps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstancesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path probability;
    private Path distance;

    /** Two discs of radius 9, centres 15 px apart, and a third one apart from them. */
    private static LabelImage discs() {
        int width = 70;
        int height = 30;
        int[] labels = new int[width * height];
        int[][] centres = {{12, 15}, {27, 15}, {55, 15}};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double nearest = Double.MAX_VALUE;
                for (int i = 0; i < centres.length; i++) {
                    double d = Math.hypot(x - centres[i][0], y - centres[i][1]);
                    if (d <= 9 && d < nearest) {
                        nearest = d;
                        labels[y * width + x] = i + 1;
                    }
                }
            }
        }
        return new LabelImage(width, height, labels);
    }

    @BeforeEach
    void writeMaps() throws IOException {
        LabelImage truth = discs();
        probability = dir.resolve("prob.tif");
        distance = dir.resolve("dist.tif");
        RasterFiles.writeFloatMap(TargetMaps.foreground(truth), probability);
        RasterFiles.writeFloatMap(TargetMaps.normalizedDistance(truth), distance);
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void writesOneInstancePerNucleusFromFloatTiffs() {
        Path labels = dir.resolve("out/labels.png");
        assertEquals(0, run("instances", "--prob", probability.toString(), "--dist", distance.toString(),
                "--out", labels.toString()), err.toString());
        assertEquals(3, RasterFiles.readLabels(labels).maxLabel());
        assertTrue(out.toString().contains("3 instances"), out.toString());
    }

    @Test
    void readsSixteenBitPngMapsScaledToOne() throws IOException {
        Path probabilityPng = dir.resolve("prob.png");
        Path distancePng = dir.resolve("dist.png");
        writeSixteenBit(RasterFiles.readFloatMap(probability), probabilityPng);
        writeSixteenBit(RasterFiles.readFloatMap(distance), distancePng);
        Path labels = dir.resolve("labels.tif");
        assertEquals(0, run("instances", "--prob", probabilityPng.toString(), "--dist", distancePng.toString(),
                "--out", labels.toString()), err.toString());
        assertEquals(3, RasterFiles.readLabels(labels).maxLabel());
    }

    @Test
    void optionsOverrideTheDefaults() {
        Path labels = dir.resolve("labels.png");
        // Each disc has about 250 pixels: a minimum size of 300 leaves nothing.
        assertEquals(0, run("instances", "--prob", probability.toString(), "--dist", distance.toString(),
                "--out", labels.toString(), "--min-size", "300"), err.toString());
        assertEquals(0, RasterFiles.readLabels(labels).maxLabel());
        assertEquals(0, run("instances", "--prob", probability.toString(), "--dist", distance.toString(),
                "--out", labels.toString(), "--sigma", "1", "--min-height", "0.05", "--min-distance", "2",
                "--threshold", "0.4", "--sigma-per-radius", "0.3"), err.toString());
        assertEquals(3, RasterFiles.readLabels(labels).maxLabel());
    }

    @Test
    void aMissingFileExitsWithTwoAndNamesIt() {
        Path missing = dir.resolve("nowhere.tif");
        Path labels = dir.resolve("labels.png");
        assertEquals(2, run("instances", "--prob", missing.toString(), "--dist", distance.toString(),
                "--out", labels.toString()));
        assertOneLineNaming(missing.toString());
        assertFalse(Files.exists(labels));
    }

    @Test
    void mapsOfDifferentSizesExitWithTwoAndNameBothFiles() throws IOException {
        Path small = dir.resolve("small.tif");
        RasterFiles.writeFloatMap(new FloatMap(10, 10), small);
        assertEquals(2, run("instances", "--prob", probability.toString(), "--dist", small.toString(),
                "--out", dir.resolve("labels.png").toString()));
        assertOneLineNaming(probability.toString());
        assertTrue(err.toString().contains(small.toString()), err.toString());
    }

    @Test
    void anOutOfRangeSettingExitsWithTwo() {
        assertEquals(2, run("instances", "--prob", probability.toString(), "--dist", distance.toString(),
                "--out", dir.resolve("labels.png").toString(), "--threshold", "1.5"));
        assertTrue(err.toString().contains("threshold"), err.toString());
    }

    private void assertOneLineNaming(String text) {
        String message = err.toString().strip();
        assertFalse(message.contains("\n"), "one line expected: " + message);
        assertTrue(message.contains(text), message);
    }

    private static void writeSixteenBit(FloatMap map, Path file) throws IOException {
        BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = new int[map.values().length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.round(map.values()[i] * 65535);
        }
        image.getRaster().setSamples(0, 0, map.width(), map.height(), 0, samples);
        ImageIO.write(image, "png", file.toFile());
    }
}
