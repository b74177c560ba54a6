package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.histoprune.nn.Branch;
import org.histoprune.nn.BundledModel;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model dense|fast|FILE}: names pick bundled models, anything else is a file. */
class ModelChoiceTest {
    private static final Path SAMPLES = Path.of("sample-slides");
    private static final Path SLIDE = SAMPLES.resolve("synthetic-slide.tif");

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
    void theFastModelIsSmallerAndSegmentsTheSampleImagesAlmostAsWellAsTheDenseOne() throws Exception {
        try (NucleiModel dense = ModelChoice.open("dense"); NucleiModel fast = ModelChoice.open("fast")) {
            for (Branch branch : Branch.values()) {
                assertTrue(fast.parameterCount(branch) * 3 < dense.parameterCount(branch), branch.toString());
            }
        }
        double denseAji = sampleAji("dense");
        double fastAji = sampleAji("fast");
        assertTrue(denseAji > 0.4, "dense AJI " + denseAji);
        assertTrue(fastAji > denseAji - 0.1, "fast AJI " + fastAji + " against dense " + denseAji);
    }

    /** Mean AJI of the model on the bundled sample images, through segment and evaluate. */
    private double sampleAji(String model) throws Exception {
        Path out = dir.resolve(model);
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"segment", "--model", model, "--input", SAMPLES.resolve("images")
            .toString(), "--out", out.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)), err.toString());
        Path flat = Files.createDirectories(dir.resolve(model + "-labels"));
        try (var images = Files.list(out)) {
            for (Path image : images.toList()) {
                Files.copy(image.resolve("labels.png"), flat.resolve(image.getFileName() + ".png"));
            }
        }
        StringWriter json = new StringWriter();
        assertEquals(0, Main.run(new String[] {"evaluate", "--json", "--gt", SAMPLES.resolve("labels").toString(),
            "--pred", flat.toString()}, new PrintWriter(json, true), new PrintWriter(err, true)), err.toString());
        return new ObjectMapper().readTree(json.toString()).get("mean").get("aji").asDouble();
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
