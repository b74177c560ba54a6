package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.histoprune.nn.BundledModel;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model dense|fast|FILE}: names pick bundled models, anything else is a file. */
class ModelChoiceTest {
    private static final Path SLIDE = Path.of("sample-slides/synthetic-slide.tif");

    @TempDir
    Path dir;

    @Test
    void namesPickBundledModelsAndEverythingElseIsAFile() {
        assertEquals(Optional.of(BundledModel.FAST), ModelChoice.bundled("fast"));
        assertEquals(Optional.of(BundledModel.DENSE), ModelChoice.bundled("Dense"));
        assertEquals(Optional.empty(), ModelChoice.bundled("fast.hpm"));
        assertEquals(Optional.empty(), ModelChoice.bundled("models/dense"));
        assertEquals("/models/nuclei-unet16-fast.hpm", BundledModel.FAST.resource());
    }

    @Test
    void aFilePathLoadsThatFile() throws Exception {
        Path file = dir.resolve("small.hpm");
        try (NucleiModel model = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            model.save(file);
        }
        try (NucleiModel loaded = ModelChoice.open(file.toString())) {
            assertEquals(4, loaded.config().base());
        }
    }

    @Test
    void theFastModelMissingFromTheBuildIsAClearBadInput() {
        Assumptions.assumeFalse(BundledModel.FAST.available(), "this build ships the fast model: skipped");
        assertFalse(BundledModel.shipped().contains(BundledModel.FAST));
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"segment", "--model", "fast", "--input", SLIDE.toString(), "--out",
            out.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("no bundled fast model (models/nuclei-unet16-fast.hpm)"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aMissingModelFileIsABadInputNamingIt() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"segment", "--model", dir.resolve("gone.hpm").toString(), "--input",
            SLIDE.toString(), "--out", dir.resolve("out").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("gone.hpm") && err.toString().contains("model file not found"), err.toString());
    }
}
