package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ConsoleBarsTest {
    /** The CLI points descriptor 2 at the native log, so a bar must draw on System.err, not on descriptor 2. */
    @Test
    void barsDrawOnSystemErr() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ProgressBar bar = ConsoleBars.builder("train", 10, 1000).build()) {
            bar.stepTo(10);
        } finally {
            System.setErr(original);
        }
        String drawn = captured.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("train") && drawn.contains("10/10"), drawn);
    }
}
