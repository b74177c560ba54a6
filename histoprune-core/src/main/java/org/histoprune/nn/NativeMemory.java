package org.histoprune.nn;

/**
 * Lets glibc reuse freed memory for PyTorch's large tensors. By default every allocation above 32 MB (a
 * full-resolution feature map of a 1008-px tile) gets fresh pages from the kernel, which zeroes them on first
 * touch, and returns them on free: on every forward pass. Serving such blocks from the heap and keeping freed memory
 * made the fast model predict a 1000x1000 image in 0.77 s instead of 0.96 (`bench infer --models fast`, 2 cores).
 * The process then keeps its peak memory until it exits. Linux only (elsewhere nothing changes);
 * {@code -Dhistoprune.defaultMalloc=true} keeps glibc's defaults.
 */
public final class NativeMemory {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;
    private static boolean applied;

    private NativeMemory() {
    }

    /**
     * Stops glibc from mapping large blocks and from trimming freed memory; call first thing in {@code main}.
     * Returns whether the settings are in force.
     */
    public static synchronized boolean keepFreedMemory() {
        if (applied || Boolean.getBoolean("histoprune.defaultMalloc")) {
            return applied;
        }
        try {
            // mallopt returns 1 on success
            applied = LinuxLibC.load().map(libc -> libc.mallopt(M_MMAP_MAX, 0) == 1
                    && libc.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1).orElse(false);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            // Without the settings prediction is merely slower (musl and other C libraries have no mallopt).
        }
        return applied;
    }
}
