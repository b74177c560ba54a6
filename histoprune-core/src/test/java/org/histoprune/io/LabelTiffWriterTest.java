package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTiffWriterTest {
    @TempDir
    Path dir;

    @Test
    void tilesWrittenInAnyOrderReadBackAsTheImageWithUnwrittenTilesZero() throws Exception {
        int width = 1100;
        int height = 700;
        int tile = 512;
        int[] expected = new int[width * height];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (i % width) * 100_003 + i / width; // past 16 bits
        }
        Path file = dir.resolve("labels.tif");
        try (AtomicFiles.Pending pending = AtomicFiles.begin(file)) {
            LabelTiffWriter writer = new LabelTiffWriter(pending.channel(), width, height, tile);
            int[][] order = {{2, 1}, {0, 0}, {1, 1}, {2, 0}, {0, 1}}; // (1, 0) never written
            for (int[] t : order) {
                int w = Math.min(tile, width - t[0] * tile);
                int h = Math.min(tile, height - t[1] * tile);
                int[] pixels = new int[w * h];
                for (int row = 0; row < h; row++) {
                    System.arraycopy(expected, (t[1] * tile + row) * width + t[0] * tile, pixels, row * w, w);
                }
                writer.writeTile(t[0], t[1], pixels, w, h);
            }
            writer.finish();
            pending.commit();
        }
        for (int y = 0; y < tile; y++) {
            for (int x = tile; x < 2 * tile; x++) {
                expected[y * width + x] = 0;
            }
        }
        LabelImage read = RasterFiles.readLabels(file);
        assertEquals(width, read.width());
        assertEquals(height, read.height());
        assertArrayEquals(expected, read.labels());
    }

    @Test
    void aSingleTileImageKeepsItsOffsetsInTheDirectory() throws Exception {
        int[] labels = new int[100 * 80];
        labels[5 * 100 + 7] = 70_000;
        Path file = dir.resolve("one.tif");
        try (AtomicFiles.Pending pending = AtomicFiles.begin(file)) {
            LabelTiffWriter writer = new LabelTiffWriter(pending.channel(), 100, 80, 128);
            writer.writeTile(0, 0, labels, 100, 80);
            writer.finish();
            pending.commit();
        }
        assertArrayEquals(labels, RasterFiles.readLabels(file).labels());
    }

    @Test
    void anUncommittedFileLeavesNoTrace() throws Exception {
        try (AtomicFiles.Pending pending = AtomicFiles.begin(dir.resolve("gone.tif"))) {
            new LabelTiffWriter(pending.channel(), 64, 64, 64).writeTile(0, 0, new int[64 * 64], 64, 64);
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
