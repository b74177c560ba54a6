package org.histoprune.cli;

/** Settings that PyTorch reads once, when DJL first loads it; they must be made before any model is touched. */
final class Engines {
    private Engines() {
    }

    /** Intra-op threads for this process (unless given on the java command line); one inter-op thread. */
    static void configureThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
