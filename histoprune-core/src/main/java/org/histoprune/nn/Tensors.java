package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.histoprune.image.RgbImage;

/**
 * Conversions between our data and DJL arrays: network input shared by training and prediction so they never
 * differ, and the named-tensor encoding of a block's parameters in model files.
 */
final class Tensors {
    private Tensors() {
    }

    /** Writes an image as channel-planar floats in -1..1 into {@code out} at {@code offset} (3*w*h values). */
    static void putImage(RgbImage image, float[] out, int offset) {
        int plane = image.width() * image.height();
        int[] rgb = image.rgb();
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            out[offset + i] = RgbImage.red(p) / 127.5f - 1f;
            out[offset + plane + i] = RgbImage.green(p) / 127.5f - 1f;
            out[offset + 2 * plane + i] = RgbImage.blue(p) / 127.5f - 1f;
        }
    }

    /** Every parameter as (name, shape, float32 or float16 little-endian values). */
    static void writeParameters(Block block, boolean half, DataOutputStream out) throws IOException {
        var parameters = block.getParameters();
        out.writeInt(parameters.size());
        for (Pair<String, Parameter> entry : parameters) {
            NDArray array = entry.getValue().getArray();
            out.writeUTF(entry.getKey());
            long[] shape = array.getShape().getShape();
            out.writeInt(shape.length);
            for (long dim : shape) {
                out.writeLong(dim);
            }
            out.writeBoolean(half);
            byte[] bytes;
            try (NDArray converted = array.toType(half ? DataType.FLOAT16 : DataType.FLOAT32, true)) {
                ByteBuffer buffer = converted.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
            }
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Initialises a block built from {@code config} and overwrites every parameter with the stored values. */
    static void readParameters(Block block, UNetConfig config, NDManager manager, DataInputStream in)
            throws IOException {
        int side = config.sizeMultiple();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, UNetConfig.INPUT_CHANNELS, side, side));
        var parameters = block.getParameters();
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new IOException("expected " + parameters.size() + " parameters, found " + count);
        }
        for (Pair<String, Parameter> entry : parameters) {
            String name = in.readUTF();
            NDArray target = entry.getValue().getArray();
            int rank = in.readInt();
            if (!name.equals(entry.getKey()) || rank != target.getShape().dimension()) {
                throw new IOException("parameter " + name + " of rank " + rank + " does not fit " + entry.getKey()
                        + " " + target.getShape());
            }
            long[] dims = new long[rank];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readLong();
            }
            if (!new Shape(dims).equals(target.getShape())) {
                throw new IOException("parameter " + name + " " + new Shape(dims) + " does not fit " + entry.getKey()
                        + " " + target.getShape());
            }
            boolean half = in.readBoolean();
            int length = in.readInt();
            long expected = target.size() * (half ? 2 : 4);
            if (length != expected) {
                throw new IOException("parameter " + name + " holds " + length + " bytes, its shape " + expected);
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            // DJL takes raw bytes in native order, which is little-endian on every platform PyTorch ships for
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(bytes).rewind();
            try (NDManager scratch = manager.newSubManager();
                    NDArray stored = scratch.create(buffer, target.getShape(), half ? DataType.FLOAT16 : DataType.FLOAT32)) {
                target.set(stored.toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
    }
}
