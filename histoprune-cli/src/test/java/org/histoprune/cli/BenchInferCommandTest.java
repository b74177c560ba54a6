package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench infer --models}: the given model files timed in one run, each against the first (no timing asserted). */
class BenchInferCommandTest {
    @TempDir
    Path dir;

    @Test
    void timesEachGivenModelAndComparesItWithTheFirst() throws Exception {
        Path wide = save("wide.hpm", new UNetConfig(8, 2));
        Path narrow = save("narrow.hpm", new UNetConfig(4, 2));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "infer", "--json", "--models", wide + "," + narrow, "--size", "64",
            "--tile", "64", "--overlap", "16", "--repeats", "1"}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertEquals(0, code, err.toString());
        JsonNode rows = new ObjectMapper().readTree(out.toString()).get("models");
        assertEquals(2, rows.size());
        assertEquals(wide.toString(), rows.get(0).get("model").asText());
        assertEquals(narrow.toString(), rows.get(1).get("model").asText());
        assertEquals(1.0, rows.get(0).get("speedup_over_first").asDouble(), 1e-12);
        double ratio = rows.get(0).get("seconds").asDouble() / rows.get(1).get("seconds").asDouble();
        assertEquals(ratio, rows.get(1).get("speedup_over_first").asDouble(), 1e-9);
    }

    @Test
    void aMissingModelIsABadInputNamingIt() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "infer", "--models", dir.resolve("gone.hpm").toString(), "--size",
            "64"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("gone.hpm"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    private Path save(String name, UNetConfig unet) throws Exception {
        Path file = dir.resolve(name);
        try (NucleiModel model = NucleiModel.create(unet, 1)) {
            model.save(file);
        }
        return file;
    }
}
