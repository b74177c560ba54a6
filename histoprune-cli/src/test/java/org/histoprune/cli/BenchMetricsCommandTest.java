package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMetricsCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsMediansAndTheAjiOfTheShiftedCopy() throws IOException {
        // One 4x4 nucleus; shifted by 2 px right and down it keeps a 2x2 overlap: AJI 4 / 28.
        LabelImage labels = new LabelImage(12, 12);
        for (int y = 3; y < 7; y++) {
            for (int x = 3; x < 7; x++) {
                labels.labels()[y * 12 + x] = 5;
            }
        }
        RasterFiles.writeLabels(labels, dir.resolve("a.png"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "metrics", "--json", "--rounds", "1", "--data", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(1, json.get("images").asInt());
        assertEquals(4.0 / 28, json.get("mean_aji").asDouble(), 1e-12);
        for (String key : new String[] {"median_ms", "median_cpu_ms", "instance_median_ms", "pixel_median_ms",
                "mse_median_ms"}) {
            assertTrue(json.get(key).isNumber() && json.get(key).asDouble() >= 0, key + " in " + out);
        }
    }

    @Test
    void missingFolderIsBadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "metrics", "--data", dir.resolve("none").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("none"), err.toString());
    }
}
