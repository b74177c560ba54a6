package org.histoprune.nn;

import ai.djl.nn.Parameter;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** One branch's parameter values laid end to end, for comparing models in tests. */
final class ParameterValues {
    private ParameterValues() {
    }

    static float[] of(NucleiModel model, Branch branch, Predicate<Parameter> which) {
        float[][] parts = model.block(branch).getParameters().values().stream().filter(which)
                .map(parameter -> parameter.getArray().toFloatArray()).toArray(float[][]::new);
        float[] out = new float[Stream.of(parts).mapToInt(part -> part.length).sum()];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
