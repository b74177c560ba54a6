package org.histoprune.image;

import java.util.Arrays;

/** A growable binary min-heap of primitive longs (sort keys), without boxing. */
final class LongMinHeap {
    private long[] keys;
    private int size;

    LongMinHeap(int initialCapacity) {
        keys = new long[Math.max(16, initialCapacity)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[i] = keys[parent];
            i = parent;
        }
        keys[i] = key;
    }

    long pop() {
        long top = keys[0];
        long last = keys[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && keys[child + 1] < keys[child]) {
                child++;
            }
            if (last <= keys[child]) {
                break;
            }
            keys[i] = keys[child];
            i = child;
        }
        keys[i] = last;
        return top;
    }
}
