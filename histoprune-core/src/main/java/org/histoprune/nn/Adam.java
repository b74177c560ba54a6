package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, with bias correction, no weight decay) over the trainable parameters of one block. Unlike
 * DJL's Adam its state (first and second moments and the step count) can be written to and read from a checkpoint,
 * so a resumed run continues exactly where it stopped. Moments are keyed by parameter name, which is stable across
 * save and load. Holds native memory: close it.
 */
final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private record Moments(String name, Parameter parameter, NDArray mean, NDArray variance) {
    }

    private final NDManager manager;
    private final List<Moments> moments = new ArrayList<>();
    private long steps;

    /** Zero moments for every trainable parameter of an initialised block. */
    Adam(Block block, NDManager parent) {
        manager = parent.newSubManager();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()) {
                NDArray weight = parameter.getArray();
                moments.add(new Moments(entry.getKey(), parameter, manager.zeros(weight.getShape()),
                        manager.zeros(weight.getShape())));
            }
        }
    }

    long steps() {
        return steps;
    }

    /** One update of every parameter from its gradient, which is then reset to zero. */
    void step(double learningRate) {
        steps++;
        double meanCorrection = 1 - Math.pow(BETA1, steps);
        double varianceCorrection = Math.sqrt(1 - Math.pow(BETA2, steps));
        // w -= lr * m/c1 / (sqrt(v/c2^2) + eps), with both corrections folded into two scalars
        float stepSize = (float) (learningRate * varianceCorrection / meanCorrection);
        float epsilon = (float) (EPSILON * varianceCorrection);
        try (NDManager scratch = manager.newSubManager()) {
            for (Moments m : moments) {
                NDArray weight = m.parameter().getArray();
                NDArray gradient = weight.getGradient();
                gradient.attach(scratch);
                m.mean().muli(BETA1).addi(gradient.mul(1 - BETA1));
                m.variance().muli(BETA2).addi(gradient.square().muli(1 - BETA2));
                NDArray denominator = m.variance().sqrt();
                denominator.attach(scratch);
                NDArray update = m.mean().div(denominator.addi(epsilon));
                update.attach(scratch);
                weight.subi(update.muli(stepSize));
                gradient.subi(gradient);
            }
        }
    }

    /** The step count, then per parameter its name and both moments as float32. */
    void write(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        out.writeInt(moments.size());
        for (Moments m : moments) {
            out.writeUTF(m.name());
            for (NDArray array : List.of(m.mean(), m.variance())) {
                float[] values = array.toFloatArray();
                ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
                bytes.asFloatBuffer().put(values);
                out.writeInt(values.length);
                out.write(bytes.array());
            }
        }
    }

    /** Restores what {@link #write} wrote for a block of the same architecture. */
    void read(DataInputStream in) throws IOException {
        long storedSteps = in.readLong();
        int count = in.readInt();
        if (count != moments.size()) {
            throw new IOException("optimizer state has " + count + " parameters, the model " + moments.size());
        }
        for (Moments m : moments) {
            String name = in.readUTF();
            if (!name.equals(m.name())) {
                throw new IOException("optimizer state for " + name + " where " + m.name() + " was expected");
            }
            for (NDArray array : List.of(m.mean(), m.variance())) {
                int length = in.readInt();
                if (length != array.size()) {
                    throw new IOException("optimizer state of " + name + " has " + length + " values, the "
                            + "parameter " + array.size());
                }
                float[] values = new float[length];
                byte[] bytes = new byte[4 * values.length];
                in.readFully(bytes);
                ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
                array.set(FloatBuffer.wrap(values));
            }
        }
        steps = storedSteps;
    }

    @Override
    public void close() {
        manager.close();
    }
}
