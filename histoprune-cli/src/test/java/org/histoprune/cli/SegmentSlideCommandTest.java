package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.NucleiModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment} on a region of the bundled 20,000 px sample slide, block by block, with the bundled model. */
class SegmentSlideCommandTest {
    private static final Path SLIDE = Path.of("sample-slides/synthetic-slide.tif");

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void aRegionOfTheSampleSlideGivesNucleiInSlideCoordinates() throws Exception {
        Assumptions.assumeTrue(org.histoprune.nn.BundledModel.DENSE.available(),
                "no bundled model: skipped");
        int[] origin = tissue();
        Path out = dir.resolve("out");
        Result result = run("segment", "--input", SLIDE.toString(), "--out", out.toString(), "--region",
                origin[0] + "," + origin[1] + ",1280,1024", "--block", "512", "--margin", "96");
        assertEquals(0, result.exitCode(), result.err());
        Matcher count = Pattern.compile(": (\\d+) nuclei").matcher(result.out());
        assertTrue(count.find(), result.out());
        int nuclei = Integer.parseInt(count.group(1));
        assertTrue(nuclei > 20, "tissue has nuclei: " + nuclei);
        try (var files = Files.list(out)) {
            assertEquals(List.of("labels.png", "nuclei.csv", "nuclei.geojson", "overlay.png"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
        LabelImage labels = RasterFiles.readLabels(out.resolve("labels.png"));
        assertEquals(1280, labels.width());
        assertEquals(nuclei, Arrays.stream(labels.labels()).filter(id -> id != 0).distinct().count());
        assertEquals(nuclei + 1, Files.readAllLines(out.resolve("nuclei.csv")).size());
        JsonNode features = new ObjectMapper().readTree(out.resolve("nuclei.geojson").toFile()).get("features");
        assertEquals(nuclei, features.size());
        for (JsonNode feature : features) {
            JsonNode point = feature.get("geometry").get("coordinates").get(0).get(0);
            if (feature.get("geometry").get("type").asText().equals("MultiPolygon")) {
                point = point.get(0);
            }
            double x = point.get(0).asDouble();
            double y = point.get(1).asDouble();
            assertTrue(x >= origin[0] && x <= origin[0] + 1280 && y >= origin[1] && y <= origin[1] + 1024,
                    "slide coordinates: " + x + "," + y);
        }
        RgbImage overlay = RasterFiles.readRgb(out.resolve("overlay.png"));
        assertEquals(1280, overlay.width());
    }

    @Test
    void inputsAreCheckedBeforeTheModelIsLoaded() throws Exception {
        // The model file is garbage too: the input's problem must be the one reported, found first.
        Path model = Files.writeString(dir.resolve("model.hpm"), "not a model");
        Path notAnImage = Files.writeString(dir.resolve("notes.tif"), "not an image");
        Result result = run("segment", "--model", model.toString(), "--input", notAnImage.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: " + notAnImage + ": "), result.err());
        Result outside = run("segment", "--model", model.toString(), "--input", SLIDE.toString(), "--out",
                dir.resolve("y").toString(), "--region", "19900,0,512,512");
        assertTrue(outside.err().contains("--region") && !outside.err().contains(model.toString()), outside.err());
    }

    @Test
    void aRegionOutsideTheSlideIsABadInput() {
        Result result = run("segment", "--input", SLIDE.toString(), "--out", dir.resolve("x").toString(),
                "--region", "19900,0,512,512");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--region") && result.err().contains("20000x20000"), result.err());
        assertFalse(Files.exists(dir.resolve("x").resolve("nuclei.csv")));
    }

    @Test
    void outputsClosedWithoutCommitLeaveNothingBehind() throws Exception {
        Path out = dir.resolve("cancelled");
        try (SegmentOutputs outputs = new SegmentOutputs(out, 9000, 4000, false)) { // streamed labels.tif
            try (var files = Files.list(out)) {
                assertEquals(3, files.count(), "geojson, csv and labels.tif are being written (hidden)");
            }
        }
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /** The level-0 corner of the 1280 x 1024 window with the least white, found on a coarse level. */
    private static int[] tissue() throws Exception {
        try (SlideReader slide = SlideReaderRegistry.withInstalledReaders().open(SLIDE)) {
            int level = 4;
            SlideReader.Level size = slide.levels().get(level);
            int scale = (int) Math.round(size.downsample());
            RgbImage image = slide.readRegion(level, 0, 0, size.width(), size.height());
            int w = 1280 / scale;
            int h = 1024 / scale;
            long best = Long.MIN_VALUE;
            int[] origin = {0, 0};
            for (int y = 0; y + h <= image.height(); y += h / 2) {
                for (int x = 0; x + w <= image.width(); x += w / 2) {
                    long ink = 0;
                    for (int row = y; row < y + h; row++) {
                        for (int col = x; col < x + w; col++) {
                            ink += 255 - RgbImage.green(image.get(col, row));
                        }
                    }
                    if (ink > best) {
                        best = ink;
                        origin = new int[] {x * scale, y * scale};
                    }
                }
            }
            return origin;
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
