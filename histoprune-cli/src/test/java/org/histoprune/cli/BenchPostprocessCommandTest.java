package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPostprocessCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static LabelImage square(int size, int id) {
        int[] labels = new int[40 * 30];
        for (int y = 5; y < 5 + size; y++) {
            for (int x = 5; x < 5 + size; x++) {
                labels[y * 40 + x] = id;
            }
        }
        return new LabelImage(40, 30, labels);
    }

    @Test
    void printsTimingsOfEveryImageAsJson() throws IOException {
        Path labels = dir.resolve("test/labels");
        Files.createDirectories(labels);
        RasterFiles.writeLabels(square(10, 3), labels.resolve("a.png"));
        RasterFiles.writeLabels(square(20, 7), labels.resolve("b.png"));
        assertEquals(0, run("bench", "postprocess", "--json", "--data", dir.toString(), "--rounds", "2"),
                err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("postprocess", json.get("benchmark").asText());
        assertEquals(2, json.get("images").asInt());
        assertEquals(4, json.get("runs").asInt());
        assertEquals(40, json.get("width").asInt());
        assertEquals(1.0, json.get("instances_per_image").asDouble());
        double median = json.get("median_ms").asDouble();
        assertTrue(json.get("min_ms").asDouble() <= median && median <= json.get("max_ms").asDouble(), out.toString());
    }

    @Test
    void aMissingDataFolderExitsWithTwo() {
        assertEquals(2, run("bench", "postprocess", "--data", dir.resolve("absent").toString()));
        assertTrue(err.toString().contains("absent"), err.toString());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, BenchPostprocessCommand.median(new double[] {4, 1, 3, 2}));
        assertEquals(3, BenchPostprocessCommand.median(new double[] {5, 3, 1}));
    }
}
