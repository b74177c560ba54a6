package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterFilesTest {
    @TempDir
    Path folder;

    @Test
    void sixteenBitLabelsRoundTripThroughPng() throws IOException {
        LabelImage labels = new LabelImage(3, 2, new int[] {0, 1, 65535, 7, 0, 300});
        Path written = RasterFiles.writeLabels(labels, folder.resolve("labels.png"));
        assertEquals(folder.resolve("labels.png"), written);
        assertArrayEquals(labels.labels(), RasterFiles.readLabels(written).labels());
    }

    @Test
    void labelsBeyondSixteenBitsGoToA32BitTiff() throws IOException {
        LabelImage labels = new LabelImage(2, 2, new int[] {0, 65536, 1_000_000, 3});
        Path written = RasterFiles.writeLabels(labels, folder.resolve("many.png"));
        assertEquals(folder.resolve("many.tif"), written);
        assertArrayEquals(labels.labels(), RasterFiles.readLabels(written).labels());
    }

    @Test
    void floatMapsRoundTripThroughTiff() throws IOException {
        FloatMap map = new FloatMap(2, 2, new float[] {0f, 0.25f, 1f, 0.5f});
        Path file = folder.resolve("map.tif");
        RasterFiles.writeFloatMap(map, file);
        assertArrayEquals(map.values(), RasterFiles.readFloatMap(file).values());
    }

    @Test
    void sixteenBitPngMapsAreScaledToUnitRange() throws IOException {
        Path file = folder.resolve("map.png");
        RasterFiles.writeLabels(new LabelImage(2, 1, new int[] {0, 65535}), file);
        assertArrayEquals(new float[] {0f, 1f}, RasterFiles.readFloatMap(file).values());
    }

    @Test
    void nanInAFloatMapIsRefusedNamingTheFileAndPixel() throws IOException {
        Path file = folder.resolve("nan.tif");
        RasterFiles.writeFloatMap(new FloatMap(2, 1, new float[] {0f, Float.NaN}), file);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> RasterFiles.readFloatMap(file));
        assertTrue(error.getMessage().contains("nan.tif"), error.getMessage());
        assertTrue(error.getMessage().contains("(1, 0)"), error.getMessage());
    }

    @Test
    void rgbRoundTripsThroughPng() throws IOException {
        RgbImage image = new RgbImage(2, 1, new int[] {0xFF0000, 0x00FF80});
        Path file = folder.resolve("rgb.png");
        RasterFiles.writeRgbPng(image, file);
        assertArrayEquals(image.rgb(), RasterFiles.readRgb(file).rgb());
    }

    @Test
    void missingAndCorruptFilesGiveOneLineNamingTheFile() throws IOException {
        Path missing = folder.resolve("absent.png");
        assertEquals(missing + ": file not found",
                assertThrows(InvalidInputException.class, () -> RasterFiles.readRgb(missing)).getMessage());
        Path corrupt = folder.resolve("corrupt.png");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5});
        String message = assertThrows(InvalidInputException.class, () -> RasterFiles.readLabels(corrupt)).getMessage();
        assertTrue(message.startsWith(corrupt.toString()), message);
    }

    @Test
    void anRgbImageIsNotALabelImage() throws IOException {
        Path file = folder.resolve("rgb.png");
        RasterFiles.writeRgbPng(new RgbImage(1, 1, new int[] {0x123456}), file);
        assertTrue(assertThrows(InvalidInputException.class, () -> RasterFiles.readLabels(file)).getMessage()
                .contains("one channel"));
    }
}
