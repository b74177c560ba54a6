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
import java.util.List;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one command line. */
    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void twoFilesGiveJsonWithOneImageAndTheMean() throws IOException {
        Path truth = write("truth/a.png", square(4, 0));
        Path predicted = write("pred/a.png", square(4, 1));
        Result result = run("evaluate", "--gt", truth.toString(), "--pred", predicted.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(List.of("images", "mean"), fieldNames(json));
        JsonNode image = json.get("images").get(0);
        assertEquals(List.of("name", "dice", "aji", "aji_plus", "pq", "dq", "sq"), fieldNames(image));
        assertEquals("a", image.get("name").asText());
        // Two 4x4 squares one pixel apart: intersection 12, union 20.
        assertEquals(12.0 / 20, image.get("aji").asDouble(), 1e-12);
        assertEquals(24.0 / 32, image.get("dice").asDouble(), 1e-12);
        assertEquals(12.0 / 20, image.get("pq").asDouble(), 1e-12);
        assertEquals(List.of("dice", "aji", "aji_plus", "pq", "dq", "sq"), fieldNames(json.get("mean")));
        assertEquals(12.0 / 20, json.get("mean").get("aji").asDouble(), 1e-12);
    }

    @Test
    void foldersArePairedByStemAndAveraged() throws IOException {
        write("gt/x.png", square(4, 0));
        write("gt/y.png", square(4, 0));
        write("gt/notes.txt", null);
        write("pred/y.tif", square(4, 1));
        write("pred/x.png", square(4, 0));
        Result result = run("evaluate", "--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString(),
                "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(2, json.get("images").size());
        assertEquals("x", json.get("images").get(0).get("name").asText());
        assertEquals(1.0, json.get("images").get(0).get("aji").asDouble(), 1e-12);
        assertEquals((1.0 + 0.6) / 2, json.get("mean").get("aji").asDouble(), 1e-12);
    }

    @Test
    void tableWithoutJson() throws IOException {
        write("gt/x.png", square(4, 0));
        write("pred/x.png", square(4, 0));
        Result result = run("evaluate", "--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).matches("name\\s+dice\\s+aji\\s+aji\\+\\s+pq\\s+dq\\s+sq"), lines.get(0));
        assertTrue(lines.get(1).matches("x\\s+1\\.0000(\\s+1\\.0000){5}"), lines.get(1));
    }

    @Test
    void missingFileIsBadInput() throws IOException {
        Path truth = write("a.png", square(4, 0));
        assertBadInput(run("evaluate", "--gt", truth.toString(), "--pred", dir.resolve("nope.png").toString()),
                "nope.png");
    }

    @Test
    void differentSizesAreBadInput() throws IOException {
        Path truth = write("a.png", square(4, 0));
        Path predicted = write("b.png", new LabelImage(9, 8));
        assertBadInput(run("evaluate", "--gt", truth.toString(), "--pred", predicted.toString()), "b.png");
    }

    @Test
    void folderWithoutPairsIsBadInput() throws IOException {
        Files.createDirectories(dir.resolve("gt"));
        Files.createDirectories(dir.resolve("pred"));
        assertBadInput(run("evaluate", "--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString()),
                "gt");
    }

    @Test
    void unpairedFileIsBadInput() throws IOException {
        write("gt/x.png", square(4, 0));
        write("pred/x.png", square(4, 0));
        write("pred/extra.png", square(4, 0));
        assertBadInput(run("evaluate", "--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString()),
                "extra.png");
    }

    @Test
    void fileAgainstFolderIsBadInput() throws IOException {
        Path truth = write("gt/x.png", square(4, 0));
        Files.createDirectories(dir.resolve("pred"));
        assertBadInput(run("evaluate", "--gt", truth.toString(), "--pred", dir.resolve("pred").toString()), "pred");
    }

    private static void assertBadInput(Result result, String fileName) {
        assertEquals(2, result.exitCode(), result.out() + result.err());
        List<String> lines = result.err().lines().toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).contains(fileName), lines.get(0));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A 10x10 label image holding one 4x4 square of id 7 at (2 + shift, 2). */
    private static LabelImage square(int size, int shift) {
        LabelImage image = new LabelImage(10, 10);
        for (int y = 2; y < 2 + size; y++) {
            for (int x = 2 + shift; x < 2 + shift + size; x++) {
                image.labels()[y * 10 + x] = 7;
            }
        }
        return image;
    }

    /** Writes a label image, or an empty text file when {@code labels} is null. */
    private Path write(String name, LabelImage labels) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        if (labels == null) {
            return Files.writeString(file, "");
        }
        return RasterFiles.writeLabels(labels, file);
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
