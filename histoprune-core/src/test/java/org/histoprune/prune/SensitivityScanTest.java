package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.histoprune.nn.Branch;
import org.histoprune.nn.HeldOutLoss;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityScanTest {
    @TempDir
    Path dir;

    @Test
    void prunesOneTensorAtATimeAndRestoresTheModel() throws Exception {
        HeldOutLoss heldOut = HeldOutLoss.of(TinyNuclei.write(dir, 2, 64, 9), 2, 64, 1);
        try (NucleiModel model = NucleiModel.create(PrunerTest.TINY, 3)) {
            PrunableTensor first = model.weights().tensors().get(0);
            float[] before = model.weights().read(first);
            double baseline = heldOut.evaluate(model, Branch.SEGMENTATION);
            List<SensitivityScan.Point> points = SensitivityScan.run(model, heldOut, List.of(0.5, 0.99),
                    (point, done, total) -> { });
            assertEquals(26 * 3, points.size());
            assertEquals(baseline, points.get(0).loss(), 1e-6);
            assertEquals(0.99, points.get(2).sparsity());
            assertTrue(points.stream().anyMatch(p -> p.sparsity() > 0
                    && Math.abs(p.loss() - baseline) > 1e-4 && p.tensor().branch() == Branch.SEGMENTATION));
            assertArrayEquals(before, model.weights().read(first));
            assertFalse(model.weights().mask(first).isPresent());
            assertEquals(baseline, heldOut.evaluate(model, Branch.SEGMENTATION), 1e-6);
        }
    }
}
