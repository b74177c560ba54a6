package org.histoprune.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.histoprune.io.HostileHeaders;
import org.histoprune.nn.SlideSegmenter;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstanceParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planning task refuses what the single-machine {@code segment} refuses, with the same reason. */
class SlideTasksTest {
    @TempDir
    Path dir;

    @Test
    void aSlideDeclaringMoreRowsThanCanBeSegmentedFailsAloneWithItsReason() throws Exception {
        Path png = dir.resolve("height-bomb.png");
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Files.write(png, HostileHeaders.withPngHeight(Files.readAllBytes(png), Integer.MAX_VALUE));
        // the check comes before the model is loaded, so no model file is needed
        SegmentSettings settings = SegmentSettings.of(dir.resolve("never-loaded.hpm").toString(), 0,
                new SlideSegmenter.Blocks(2048, 128), TilingOptions.defaults(), InstanceParameters.defaults());

        SlideTasks.Plan plan = SlideTasks.plan(settings, new SlideList.Entry("height-bomb", png.toString(), null));

        assertFalse(plan.ok());
        assertTrue(plan.error().contains("height-bomb.png") && plan.error().contains("too large to segment"),
                plan.error());
    }
}
