package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchRenderCommandTest {
    @Test
    void printsFrameTimesOfTheTenThousandNucleiView() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "render", "--json", "--frames", "2"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(1000, json.get("view_width").asInt());
        assertEquals(10_000, json.get("nuclei").asInt());
        for (String timing : new String[] {"cold", "cold_cpu", "pan", "pan_cpu"}) {
            assertTrue(json.get(timing).get("mean").asDouble() > 0, timing);
            assertTrue(json.get(timing).get("p95").asDouble() >= json.get(timing).get("p50").asDouble(), timing);
        }
    }

    @Test
    void refusesZeroFrames() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "render", "--frames", "0"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--frames"), err.toString());
    }
}
