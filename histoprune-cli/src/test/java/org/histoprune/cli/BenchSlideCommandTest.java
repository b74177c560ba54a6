package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSlideCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesTheSlideOnceThenReusesIt() throws IOException {
        JsonNode first = run("--size", "2048", "--region", "256", "--cache", dir.toString(), "--json");
        assertTrue(first.get("generated").asBoolean());
        assertEquals(2048, first.get("width").asInt());
        assertEquals(3, first.get("levels").asInt(), "2048 -> 1024 -> 512 (one 512 px tile)");
        assertTrue(Files.isRegularFile(Path.of(first.get("file").asText())));
        for (String key : new String[] {"open_ms", "read_ms", "peak_heap_mb", "max_heap_mb", "file_mb"}) {
            assertTrue(first.get(key).isNumber() && first.get(key).asDouble() > 0, key + " in " + first);
        }
        JsonNode second = run("--size", "2048", "--region", "256", "--cache", dir.toString(), "--json");
        assertFalse(second.get("generated").asBoolean());
        assertEquals(first.get("file").asText(), second.get("file").asText());
    }

    @Test
    void aRegionLargerThanTheSlideIsBadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "slide", "--size", "2048", "--region", "4096", "--cache",
            dir.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--region"), err.toString());
    }

    private static JsonNode run(String... options) throws IOException {
        String[] args = new String[options.length + 2];
        args[0] = "bench";
        args[1] = "slide";
        System.arraycopy(options, 0, args, 2, options.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }
}
