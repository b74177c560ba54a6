package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pruning masks of a model, keyed by {@link PrunableTensor#key()}: a set bit keeps a weight. Each mask is
 * cached as a 0/1 array beside its weight so re-applying after every optimizer step is one multiply.
 */
final class MaskSet {
    /** A mask over {@code size} weights. */
    record Mask(int size, BitSet keep) {
        /** Weights of the largest conv a model file may describe: 3x3, up to twice MAX_WIDTH inputs (a skip). */
        static final int MAX_WEIGHTS = 9 * 2 * UNetConfig.MAX_WIDTH * UNetConfig.MAX_WIDTH;

        void write(DataOutputStream out) throws IOException {
            out.writeInt(size);
            byte[] bytes = keep.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        static Mask read(DataInputStream in) throws IOException {
            int size = in.readInt();
            int length = in.readInt();
            if (size < 0 || size > MAX_WEIGHTS || length < 0 || length > (size + 7) / 8) {
                throw new IOException("pruning mask of " + size + " weights stored in " + length + " bytes");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new Mask(size, BitSet.valueOf(bytes));
        }
    }

    private final Map<String, Mask> masks = new LinkedHashMap<>();
    private final Map<String, NDArray> cache = new LinkedHashMap<>();

    Map<String, Mask> all() {
        return java.util.Collections.unmodifiableMap(masks);
    }

    Mask get(String key) {
        return masks.get(key);
    }

    void put(String key, Mask mask) {
        remove(key);
        masks.put(key, mask);
    }

    void remove(String key) {
        masks.remove(key);
        NDArray old = cache.remove(key);
        if (old != null) {
            old.close();
        }
    }

    void clear() {
        masks.clear();
        cache.values().forEach(NDArray::close);
        cache.clear();
    }

    /** Zeroes the pruned weights of {@code layer} in place (outside any gradient recording). */
    void apply(String key, NDArray weight) {
        Mask mask = masks.get(key);
        if (mask == null) {
            return;
        }
        if (mask.size() != weight.size()) {
            throw new IllegalStateException("mask of " + key + " has " + mask.size() + " entries for "
                    + weight.size() + " weights");
        }
        NDArray factor = cache.computeIfAbsent(key, k -> {
            float[] values = new float[mask.size()];
            for (int i = mask.keep().nextSetBit(0); i >= 0; i = mask.keep().nextSetBit(i + 1)) {
                values[i] = 1f;
            }
            NDManager manager = weight.getManager();
            return manager.create(values, weight.getShape());
        });
        weight.muli(factor).addi(0f); // -0.0 (a negative weight times 0) + 0 = +0.0: pruned weights are plain zeros
    }
}
