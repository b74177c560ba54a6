package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TnbcDatasetTest {
    /** Two blobs touching at a corner (one nucleus under 8-connectivity) and a separate one. */
    private static final int[] MASK = {
        255, 255, 0, 0, 0, 0,
        255, 255, 0, 0, 0, 0,
        0, 0, 255, 0, 0, 255,
        0, 0, 255, 0, 0, 255,
        0, 0, 0, 0, 0, 0};

    @TempDir
    Path dir;

    @Test
    void readsRgbaImagesAndLabelsMasksBy8ConnectedComponents() throws IOException {
        writeRgba(dir.resolve("Slide_01/01_1.png"), 0x80C06090);
        writeMask(dir.resolve("GT_01/01_1.png"), MASK, 6, 5);
        writeRgba(dir.resolve("Slide_02/02_3.png"), 0xFF102030);
        writeMask(dir.resolve("GT_02/02_3.png"), new int[30], 6, 5);

        Dataset dataset = DatasetLoaders.tnbc(dir);
        assertEquals(List.of("01_1", "02_3"), dataset.names());
        Dataset.Sample sample = dataset.load(0);
        assertEquals(0xC06090, sample.image().get(0, 0), "alpha dropped");
        assertArrayEquals(new int[] {
            1, 1, 0, 0, 0, 0,
            1, 1, 0, 0, 0, 0,
            0, 0, 1, 0, 0, 2,
            0, 0, 1, 0, 0, 2,
            0, 0, 0, 0, 0, 0}, sample.labels().labels());
        assertEquals(0, dataset.load(1).labels().maxLabel());
        assertEquals(dataset.names(), DatasetLoaders.detect(dir).names());
    }

    @Test
    void maskWithMoreThanTwoValuesIsRefused() throws IOException {
        writeRgba(dir.resolve("Slide_01/01_1.png"), 0xFFFFFFFF);
        int[] mask = MASK.clone();
        mask[5] = 128;
        writeMask(dir.resolve("GT_01/01_1.png"), mask, 6, 5);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.tnbc(dir).load(0));
        assertTrue(e.getMessage().contains("GT_01") && e.getMessage().contains("not a binary mask"), e.getMessage());
    }

    @Test
    void missingMasksAreNamed() throws IOException {
        writeRgba(dir.resolve("Slide_01/01_1.png"), 0xFFFFFFFF);
        InvalidInputException noFolder = assertThrows(InvalidInputException.class, () -> DatasetLoaders.tnbc(dir));
        assertTrue(noFolder.getMessage().contains("GT_01") && noFolder.getMessage().contains("folder not found"),
                noFolder.getMessage());
        Files.createDirectories(dir.resolve("GT_01"));
        InvalidInputException noMask = assertThrows(InvalidInputException.class, () -> DatasetLoaders.tnbc(dir));
        assertTrue(noMask.getMessage().contains("01_1.png") && noMask.getMessage().contains("no mask"),
                noMask.getMessage());
    }

    @Test
    void maskOfAnotherSizeIsNamed() throws IOException {
        writeRgba(dir.resolve("Slide_01/01_1.png"), 0xFFFFFFFF);
        writeMask(dir.resolve("GT_01/01_1.png"), new int[20], 5, 4);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.tnbc(dir).load(0));
        assertTrue(e.getMessage().contains("GT_01") && e.getMessage().contains("5x4"), e.getMessage());
    }

    @Test
    void folderWithoutSlidesIsEmpty() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.tnbc(dir));
        assertTrue(e.getMessage().contains("no annotated images"), e.getMessage());
    }

    private static void writeRgba(Path file, int argb) throws IOException {
        BufferedImage image = new BufferedImage(6, 5, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                image.setRGB(x, y, argb);
            }
        }
        TestFiles.write(image, file);
    }

    private static void writeMask(Path file, int[] values, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, values);
        TestFiles.write(image, file);
    }
}
