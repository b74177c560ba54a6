package org.histoprune.nn;

import java.nio.FloatBuffer;

/** Folds a conv's batch norm (inference statistics) into the weights and bias of a conv with bias. */
final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** Writes into {@code target} (a conv with bias, same shape) what {@code source} and its batch norm compute. */
    static void fold(UNetLayers.Layer source, UNetLayers.Layer target) {
        float[] weights = source.weight().getArray().toFloatArray();
        float[] bias;
        if (source.head()) {
            bias = source.conv().getParameters().get("bias").getArray().toFloatArray();
        } else {
            float[] gamma = source.norm("gamma").getArray().toFloatArray();
            float[] beta = source.norm("beta").getArray().toFloatArray();
            float[] mean = source.norm("runningMean").getArray().toFloatArray();
            float[] variance = source.norm("runningVar").getArray().toFloatArray();
            int perFilter = weights.length / gamma.length;
            bias = new float[gamma.length];
            for (int o = 0; o < gamma.length; o++) {
                double scale = gamma[o] / Math.sqrt(variance[o] + UNetBlock.BATCH_NORM_EPSILON);
                for (int k = o * perFilter; k < (o + 1) * perFilter; k++) {
                    weights[k] = (float) (weights[k] * scale);
                }
                bias[o] = (float) (beta[o] - mean[o] * scale);
            }
        }
        target.weight().getArray().set(FloatBuffer.wrap(weights));
        target.conv().getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));
    }
}
