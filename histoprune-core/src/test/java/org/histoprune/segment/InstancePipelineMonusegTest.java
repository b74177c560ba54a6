package org.histoprune.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.metrics.InstanceMetrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The pipeline rebuilds the MoNuSeg test nuclei from their own target maps (issue 2's check on real data). */
class InstancePipelineMonusegTest {
    private static final Path LABELS = Path.of("../shared/data/monuseg/test/labels");

    @Test
    void rebuildsTheTestLabelsFromTheirTargetMapsWithMeanAjiAbove095() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(LABELS), "MoNuSeg not found at " + LABELS.toAbsolutePath()
                + ": skipped");
        List<Path> files;
        try (Stream<Path> listing = Files.list(LABELS)) {
            files = listing.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(14, files.size(), "MoNuSeg test label maps");
        InstancePipeline pipeline = new InstancePipeline(InstanceParameters.defaults());
        double sum = 0;
        for (Path file : files) {
            LabelImage truth = RasterFiles.readLabels(file);
            LabelImage rebuilt = pipeline.run(TargetMaps.foreground(truth), TargetMaps.normalizedDistance(truth));
            sum += InstanceMetrics.score(truth, rebuilt).aji();
        }
        double meanAji = sum / files.size();
        assertTrue(meanAji >= 0.95, "mean AJI " + meanAji);
    }
}
