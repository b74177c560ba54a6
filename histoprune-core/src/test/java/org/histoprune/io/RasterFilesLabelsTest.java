package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterFilesLabelsTest {
    @TempDir
    Path dir;

    @Test
    void sixteenBitLabelsRoundTripAsPngAndTiff() throws IOException {
        LabelImage labels = ramp(300, 250, 1, 0xFFFF);
        assertEquals(65_535, labels.maxLabel());
        for (String name : new String[] {"labels.png", "labels.tif"}) {
            Path written = RasterFiles.writeLabels(labels, dir.resolve(name));
            assertEquals(dir.resolve(name), written);
            assertArrayEquals(labels.labels(), RasterFiles.readLabels(written).labels(), name);
        }
    }

    @Test
    void moreThan65535IdsGoTo32BitTiff() throws IOException {
        LabelImage labels = ramp(400, 300, 7, Integer.MAX_VALUE);
        assertEquals(119_999 + 7, labels.maxLabel());
        Path written = RasterFiles.writeLabels(labels, dir.resolve("many.png"));
        assertEquals(dir.resolve("many.tif"), written);
        assertArrayEquals(labels.labels(), RasterFiles.readLabels(written).labels());
        Path tiff = RasterFiles.writeLabels(labels, dir.resolve("many.tiff"));
        assertArrayEquals(labels.labels(), RasterFiles.readLabels(tiff).labels());
    }

    /** Pixel {@code i} carries {@code min(i + first, cap)}, the first pixel background. */
    private static LabelImage ramp(int width, int height, int first, int cap) {
        int[] ids = new int[width * height];
        for (int i = 1; i < ids.length; i++) {
            ids[i] = Math.min(i + first, cap);
        }
        return new LabelImage(width, height, ids);
    }
}
