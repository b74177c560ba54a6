package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Batch-norm statistics re-measured on real MoNuSeg crops with a tiny U-Net. */
class BatchNormCalibrationTest {
    private static final Path MONUSEG = Path.of("../shared/data/monuseg/train");

    private static List<TrainingSample> twoImages() {
        Assumptions.assumeTrue(Files.isDirectory(MONUSEG), "MoNuSeg not found at " + MONUSEG.toAbsolutePath()
                + ": skipped");
        Dataset dataset = DatasetLoaders.monuseg(MONUSEG);
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Dataset.Sample sample = dataset.load(i);
            samples.add(TrainingSample.of(sample.name(), sample.image(), sample.labels()));
        }
        return samples;
    }

    private static float[] values(NucleiModel model, Parameter.Type type) {
        return ParameterValues.of(model, Branch.REGRESSION, parameter -> parameter.getType() == type);
    }

    @Test
    void statisticsAreTheCropAverageWhateverTheyWereBeforeAndWeightsStay() {
        List<TrainingSample> samples = twoImages();
        try (NucleiModel model = NucleiModel.create(new UNetConfig(4, 2), 3)) {
            float[] weightsBefore = values(model, Parameter.Type.WEIGHT);
            float[] initialMeans = values(model, Parameter.Type.RUNNING_MEAN);
            BatchNormCalibration.run(model, List.of(Branch.values()), samples, 8, 64, 5);
            float[] means = values(model, Parameter.Type.RUNNING_MEAN);
            float[] variances = values(model, Parameter.Type.RUNNING_VAR);
            assertTrue(maxDifference(initialMeans, means) > 1e-3, "running means were re-measured");

            for (Parameter parameter : model.block(Branch.REGRESSION).getParameters().values()) {
                if (parameter.getType() == Parameter.Type.RUNNING_MEAN) {
                    parameter.getArray().set(new float[(int) parameter.getArray().size()]);
                    parameter.getArray().addi(100);
                }
            }
            BatchNormCalibration.run(model, List.of(Branch.values()), samples, 8, 64, 5);
            assertArrayEquals(means, values(model, Parameter.Type.RUNNING_MEAN), 1e-3f,
                    "the old statistics leave no trace");
            assertArrayEquals(variances, values(model, Parameter.Type.RUNNING_VAR), 1e-3f);
            assertArrayEquals(weightsBefore, values(model, Parameter.Type.WEIGHT), 0f, "weights untouched");
            for (float variance : variances) {
                assertTrue(variance >= 0, "variances are non-negative");
            }
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
