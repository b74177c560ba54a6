package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench prune --json}: what was pruned, how, and measured against theoretical speedup (no timing asserted). */
class BenchPruneCommandTest {
    @Test
    void reportsTheRoundedWidthsAndMeasuredOverTheoreticalSpeedup() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "prune", "--json", "--base", "8", "--depth", "2", "--size", "64",
            "--repeats", "1", "--tile", "64", "--overlap", "16", "--channel-multiple", "8"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("l1-filter", json.get("importance").asText());
        assertEquals(8, json.get("channel_multiple").asInt());
        List<Integer> widths = new ArrayList<>();
        json.get("pruned_widths").forEach(w -> widths.add(w.asInt()));
        // base 8: 8, 16, 32 filters per stage; half of each, rounded to a multiple of 8
        assertEquals(List.of(8, 8, 8, 8, 16, 16, 8, 8, 8, 8, 8, 8), widths);
        double ratio = json.get("measured_speedup").asDouble() / json.get("theoretical_speedup").asDouble();
        assertEquals(ratio, json.get("measured_over_theoretical").asDouble(), 1e-9);
        assertTrue(json.get("theoretical_speedup").asDouble() > 1);
    }

    @Test
    void withoutATileEachNetworkIsTimedInItsOwnLargestQuickTile() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "prune", "--json", "--base", "8", "--depth", "2", "--size", "64",
            "--repeats", "1", "--channel-multiple", "1"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        // the pruned network's full-resolution maps have half the channels, so its tiles may be larger
        assertTrue(json.get("pruned_tile").asInt() > json.get("dense_tile").asInt(), json.toString());
    }

    @Test
    void aTileThatIsNoMultipleOf16IsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "prune", "--base", "4", "--depth", "2", "--size", "64", "--tile",
            "100"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("multiple of 16") && !err.toString().contains("internal error"),
                err.toString());
    }
}
