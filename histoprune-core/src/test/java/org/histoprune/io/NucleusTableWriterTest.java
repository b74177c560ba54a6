package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NucleusTableWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesOneRowPerNucleusWithHandCheckableValues() throws IOException {
        LabelImage labels = new LabelImage(80, 40);
        int discArea = NucleusMeasurementsTest.paintDisc(labels, 20, 20, 12, 1);
        for (int y = 10; y < 30; y++) {
            for (int x = 50; x < 70; x++) {
                labels.labels()[y * 80 + x] = 9;
            }
        }
        Path file = dir.resolve("nuclei.csv");
        NucleusTableWriter.write(NucleusMeasurements.measure(labels, NucleusMeasurementsTest.white(80, 40),
                OptionalDouble.of(0.5)), file);

        List<String> lines = Files.readAllLines(file);
        assertEquals("id,centroid_x_px,centroid_y_px,area_px,area_um2,perimeter_px,circularity,eccentricity,solidity,"
                + "hematoxylin_od_mean,eosin_od_mean", lines.get(0));
        assertEquals(3, lines.size());
        String[] disc = lines.get(1).split(",", -1);
        assertEquals("1", disc[0]);
        assertEquals(20.5, Double.parseDouble(disc[1]), 1e-9);
        assertEquals(20.5, Double.parseDouble(disc[2]), 1e-9);
        assertEquals(discArea, Integer.parseInt(disc[3]));
        assertEquals(discArea * 0.25, Double.parseDouble(disc[4]), 1e-9);
        assertEquals(1.0, Double.parseDouble(disc[6]), 0.05);
        assertEquals(0.0, Double.parseDouble(disc[7]), 0.05);
        assertEquals(0.0, Double.parseDouble(disc[9]), 1e-9); // white: no stain at all
        String[] square = lines.get(2).split(",", -1);
        assertEquals("9", square[0]);
        assertEquals("400", square[3]);
        assertEquals("100", square[4]);
        assertEquals(80, Double.parseDouble(square[5]), 2.0);
        assertEquals(0.0, Double.parseDouble(square[7]), 1e-6);
        assertEquals(1.0, Double.parseDouble(square[8]), 1e-6);
    }

    @Test
    void unknownPixelSizeLeavesAreaInMicronsEmpty() throws IOException {
        LabelImage labels = new LabelImage(4, 4);
        labels.labels()[5] = 2;
        Path file = dir.resolve("nuclei.csv");
        NucleusTableWriter.write(NucleusMeasurements.measure(labels, NucleusMeasurementsTest.white(4, 4),
                OptionalDouble.empty()), file);
        String[] row = Files.readAllLines(file).get(1).split(",", -1);
        assertEquals("", row[4]);
        assertEquals(11, row.length);
        assertTrue(Files.list(dir).allMatch(f -> f.getFileName().toString().equals("nuclei.csv")), "no temporary left");
    }
}
