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
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderPairsDatasetTest {
    @TempDir
    Path dir;

    @Test
    void pairsImagesAndLabelsFoldersByStem() throws IOException {
        TestFiles.writeRgb(dir.resolve("images/b.png"), 4, 3, 0x102030);
        TestFiles.writeRgb(dir.resolve("images/a.tif"), 4, 3, 0x405060);
        LabelImage labelsA = labels(4, 3, 5);
        RasterFiles.writeLabels(labelsA, dir.resolve("labels/a.png"));
        RasterFiles.writeLabels(labels(4, 3, 9), dir.resolve("labels/b.tif"));
        Dataset dataset = DatasetLoaders.folderPairs(dir);
        assertEquals(List.of("a", "b"), dataset.names());
        Dataset.Sample a = dataset.load(0);
        assertEquals(dir.resolve("images/a.tif"), a.imagePath());
        assertEquals(0x405060, a.image().get(3, 2));
        assertArrayEquals(labelsA.labels(), a.labels().labels());
        assertEquals(9, dataset.load("b").labels().maxLabel());
        assertEquals(2, dataset.stream().count());
    }

    @Test
    void pairsFlatFolderByLabelsSuffix() throws IOException {
        TestFiles.writeRgb(dir.resolve("tile_1.png"), 5, 5, 0xFFFFFF);
        RasterFiles.writeLabels(labels(5, 5, 3), dir.resolve("tile_1_labels.png"));
        Files.writeString(dir.resolve("README.txt"), "not an image");
        Dataset dataset = DatasetLoaders.folderPairs(dir);
        assertEquals(List.of("tile_1"), dataset.names());
        assertEquals(3, dataset.load(0).labels().maxLabel());
    }

    @Test
    void imageWithoutLabelsIsNamed() throws IOException {
        TestFiles.writeRgb(dir.resolve("x.png"), 5, 5, 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.folderPairs(dir));
        assertTrue(e.getMessage().contains("x.png") && e.getMessage().contains("x_labels"), e.getMessage());
    }

    @Test
    void labelsWithoutImageAreNamed() throws IOException {
        TestFiles.writeRgb(dir.resolve("images/x.png"), 5, 5, 0);
        RasterFiles.writeLabels(labels(5, 5, 1), dir.resolve("labels/x.png"));
        RasterFiles.writeLabels(labels(5, 5, 1), dir.resolve("labels/y.png"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.folderPairs(dir));
        assertTrue(e.getMessage().contains("y.png") && e.getMessage().contains("without an image"), e.getMessage());
    }

    @Test
    void twoImagesOfOneStemAreAmbiguous() throws IOException {
        TestFiles.writeRgb(dir.resolve("x.png"), 5, 5, 0);
        TestFiles.writeRgb(dir.resolve("x.tif"), 5, 5, 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.folderPairs(dir));
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    }

    @Test
    void colourLabelImageIsRefusedWithItsName() throws IOException {
        TestFiles.writeRgb(dir.resolve("x.png"), 5, 5, 0);
        TestFiles.writeRgb(dir.resolve("x_labels.png"), 5, 5, 0x00FF00);
        Dataset dataset = DatasetLoaders.folderPairs(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> dataset.load(0));
        assertTrue(e.getMessage().contains("x_labels.png") && e.getMessage().contains("one channel"), e.getMessage());
    }

    @Test
    void floatingPointLabelsAreRefused() throws IOException {
        TestFiles.writeRgb(dir.resolve("x.png"), 5, 5, 0);
        RasterFiles.writeFloatMap(new org.histoprune.image.FloatMap(5, 5), dir.resolve("x_labels.tif"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetLoaders.folderPairs(dir).load(0));
        assertTrue(e.getMessage().contains("x_labels.tif") && e.getMessage().contains("integers"), e.getMessage());
    }

    @Test
    void detectFallsBackToFolderPairs() throws IOException {
        TestFiles.writeRgb(dir.resolve("images/a.png"), 4, 3, 0);
        RasterFiles.writeLabels(labels(4, 3, 1), dir.resolve("labels/a.png"));
        assertEquals(dir.resolve("labels/a.png"), DatasetLoaders.detect(dir).labelPath(0));
    }

    @Test
    void labelsOfAnotherSizeAreNamed() throws IOException {
        TestFiles.writeRgb(dir.resolve("x.png"), 5, 5, 0);
        BufferedImage small = new BufferedImage(4, 5, BufferedImage.TYPE_BYTE_GRAY);
        TestFiles.write(small, dir.resolve("x_labels.png"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetLoaders.folderPairs(dir).load(0));
        assertTrue(e.getMessage().contains("x_labels.png") && e.getMessage().contains("4x5"), e.getMessage());
    }

    @Test
    void missingOrEmptyFolderIsRefused() throws IOException {
        Path missing = dir.resolve("nope");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.folderPairs(missing));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("folder not found"), e.getMessage());
        Files.createDirectories(dir.resolve("images"));
        InvalidInputException noLabels = assertThrows(InvalidInputException.class, () -> DatasetLoaders.folderPairs(dir));
        assertTrue(noLabels.getMessage().contains("labels"), noLabels.getMessage());
        Files.createDirectories(dir.resolve("labels"));
        assertThrows(InvalidInputException.class, () -> DatasetLoaders.folderPairs(dir));
    }

    /** A label image whose bottom-right pixel carries {@code id}. */
    private static LabelImage labels(int width, int height, int id) {
        LabelImage labels = new LabelImage(width, height);
        labels.labels()[width * height - 1] = id;
        return labels;
    }
}
