package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonusegDatasetTest {
    private static final Path MONUSEG_TEST = Path.of("../shared/data/monuseg/test");

    @TempDir
    Path dir;

    @Test
    void rasterisedXmlAgreesWithShippedLabelMaps() {
        Assumptions.assumeTrue(Files.isDirectory(MONUSEG_TEST), "MoNuSeg not found at " + MONUSEG_TEST + ": skipped");
        Dataset maps = DatasetLoaders.monuseg(MONUSEG_TEST);
        Dataset xml = DatasetLoaders.monuseg(MONUSEG_TEST, DatasetLoaders.MonusegLabels.FORCE_XML);
        assertEquals(14, xml.size());
        assertEquals(maps.names(), xml.names());
        assertTrue(xml.labelPath(0).toString().endsWith(".xml"));
        assertTrue(maps.labelPath(0).toString().endsWith(".png"));
        List<Double> ious = new ArrayList<>();
        for (int i = 0; i < xml.size(); i++) {
            LabelImage truth = RasterFiles.readLabels(maps.labelPath(i));
            Dataset.Sample sample = xml.load(i);
            ious.addAll(bestIous(truth, sample.labels()));
        }
        double[] sorted = ious.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        System.out.printf("MoNuSeg test: %d nuclei, median IoU %.4f, mean %.4f%n", sorted.length, median,
                Arrays.stream(sorted).average().orElse(0));
        assertTrue(median >= 0.98, "median per-nucleus IoU " + median);
    }

    @Test
    void xmlVerticesAreOneBasedShortRegionsSkippedAndLaterRegionsWin() throws IOException {
        writeImage("a", 8, 6);
        // Square of pixel centres (1..3, 1..2) in 1-based coordinates is (0..2, 0..1) 0-based.
        writeXml("a", region(1, 1, 3, 1, 3, 2, 1, 2), "<Vertices><Vertex X=\"5\" Y=\"5\"/><Vertex X=\"6\" Y=\"5\"/></Vertices>",
                region(3, 2, 4, 2, 4, 3, 3, 3));
        Dataset.Sample sample = DatasetLoaders.monuseg(dir).load(0);
        assertEquals("a", sample.name());
        int[] expected = {
            1, 1, 1, 0, 0, 0, 0, 0,
            1, 1, 2, 2, 0, 0, 0, 0,
            0, 0, 2, 2, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, sample.labels().labels());
        assertEquals(0.2527, AperioAnnotations.read(dir.resolve("annotations/a.xml")).micronsPerPixel().orElseThrow(), 1e-9);
    }

    @Test
    void labelMapsArePreferredUnlessXmlIsForced() throws IOException {
        writeImage("a", 8, 6);
        writeXml("a", region(1, 1, 3, 1, 3, 2));
        Files.createDirectories(dir.resolve("labels"));
        LabelImage map = new LabelImage(8, 6);
        map.labels()[47] = 7;
        RasterFiles.writeLabels(map, dir.resolve("labels/a.png"));
        assertArrayEquals(map.labels(), DatasetLoaders.monuseg(dir).load(0).labels().labels());
        assertEquals(1, DatasetLoaders.monuseg(dir, DatasetLoaders.MonusegLabels.FORCE_XML).load(0).labels().maxLabel());
    }

    @Test
    void detectRecognisesMonusegByItsAnnotations() throws IOException {
        writeImage("a", 8, 6);
        writeXml("a", region(1, 1, 3, 1, 3, 2));
        assertTrue(DatasetLoaders.detect(dir).labelPath(0).toString().endsWith("a.xml"));
    }

    @Test
    void xmlWithDoctypeIsRefusedNotResolved() throws IOException {
        writeImage("a", 8, 6);
        Files.createDirectories(dir.resolve("annotations"));
        Files.writeString(dir.resolve("annotations/a.xml"), "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><Annotations>&e;</Annotations>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir).load(0));
        assertTrue(e.getMessage().contains("a.xml"), e.getMessage());
    }

    @Test
    void malformedXmlNamesTheFile() throws IOException {
        writeImage("a", 8, 6);
        Files.createDirectories(dir.resolve("annotations"));
        Files.writeString(dir.resolve("annotations/a.xml"), "<Annotations><Regions><Region><Vertices><Vertex X=\"1\"");
        Dataset dataset = DatasetLoaders.monuseg(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> dataset.load(0));
        assertTrue(e.getMessage().contains("a.xml") && e.getMessage().contains("malformed XML"), e.getMessage());
    }

    @Test
    void nonNumericVertexNamesTheFileAndLine() throws IOException {
        writeImage("a", 8, 6);
        writeXml("a", "<Vertices><Vertex X=\"one\" Y=\"2\"/></Vertices>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir).load(0));
        assertTrue(e.getMessage().contains("a.xml") && e.getMessage().contains("\"one\" is not a number"), e.getMessage());
    }

    @Test
    void labelMapOfAnotherSizeNamesTheFile() throws IOException {
        writeImage("a", 8, 6);
        Files.createDirectories(dir.resolve("labels"));
        RasterFiles.writeLabels(new LabelImage(6, 8), dir.resolve("labels/a.png"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir).load(0));
        assertTrue(e.getMessage().contains("a.png") && e.getMessage().contains("6x8"), e.getMessage());
    }

    @Test
    void missingFoldersAndAnnotationsAreReported() throws IOException {
        InvalidInputException noImages = assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir));
        assertTrue(noImages.getMessage().contains("images") && noImages.getMessage().contains("folder not found"));
        writeImage("a", 8, 6);
        assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir));
        writeImage("b", 8, 6);
        writeXml("a", region(1, 1, 3, 1, 3, 2));
        InvalidInputException noXml = assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir));
        assertTrue(noXml.getMessage().contains("b.tif") && noXml.getMessage().contains("b.xml"), noXml.getMessage());
    }

    @Test
    void emptyDatasetIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("annotations"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLoaders.monuseg(dir));
        assertTrue(e.getMessage().contains("no annotated images"), e.getMessage());
    }

    @Test
    void trainSplitHasLabelMapsForAllThirty() {
        Path train = MONUSEG_TEST.resolveSibling("train");
        Assumptions.assumeTrue(Files.isDirectory(train), "MoNuSeg not found at " + train + ": skipped");
        Dataset dataset = DatasetLoaders.monuseg(train);
        assertEquals(30, dataset.size());
        assertTrue(dataset.labelPath(29).toString().endsWith(".png"));
        // Only 13 of the 30 have XML: forcing XML names the first image without it.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetLoaders.monuseg(train, DatasetLoaders.MonusegLabels.FORCE_XML));
        assertTrue(e.getMessage().contains("no annotation"), e.getMessage());
    }

    private void writeImage(String stem, int width, int height) throws IOException {
        TestFiles.writeRgb(dir.resolve("images/" + stem + ".tif"), width, height, 0xC080A0);
    }

    private void writeXml(String stem, String... regions) throws IOException {
        StringBuilder xml = new StringBuilder("<Annotations MicronsPerPixel=\"0.2527\"><Annotation><Regions>");
        for (String region : regions) {
            xml.append("<Region>").append(region).append("</Region>");
        }
        xml.append("</Regions></Annotation></Annotations>");
        Files.createDirectories(dir.resolve("annotations"));
        Files.writeString(dir.resolve("annotations/" + stem + ".xml"), xml);
    }

    /** A region of 1-based vertices x0, y0, x1, y1, ... */
    private static String region(int... coordinates) {
        StringBuilder vertices = new StringBuilder("<Vertices>");
        for (int i = 0; i < coordinates.length; i += 2) {
            vertices.append("<Vertex X=\"").append(coordinates[i]).append("\" Y=\"").append(coordinates[i + 1]).append("\"/>");
        }
        return vertices.append("</Vertices>").toString();
    }

    /** For each nucleus of {@code truth}, the IoU with the predicted nucleus that overlaps it most. */
    static List<Double> bestIous(LabelImage truth, LabelImage predicted) {
        int[] t = truth.labels();
        int[] p = predicted.labels();
        int[] truthArea = new int[truth.maxLabel() + 1];
        int[] predictedArea = new int[predicted.maxLabel() + 1];
        long[] pairs = new long[t.length];
        int count = 0;
        for (int i = 0; i < t.length; i++) {
            truthArea[t[i]]++;
            predictedArea[p[i]]++;
            if (t[i] > 0 && p[i] > 0) {
                pairs[count++] = (long) t[i] << 32 | p[i];
            }
        }
        Arrays.sort(pairs, 0, count);
        double[] best = new double[truthArea.length];
        for (int start = 0; start < count; ) {
            int end = start;
            while (end < count && pairs[end] == pairs[start]) {
                end++;
            }
            int truthId = (int) (pairs[start] >>> 32);
            int predictedId = (int) pairs[start];
            int shared = end - start;
            best[truthId] = Math.max(best[truthId],
                    shared / (double) (truthArea[truthId] + predictedArea[predictedId] - shared));
            start = end;
        }
        List<Double> result = new ArrayList<>();
        for (int id = 1; id < truthArea.length; id++) {
            if (truthArea[id] > 0) {
                result.add(best[id]);
            }
        }
        return result;
    }
}
