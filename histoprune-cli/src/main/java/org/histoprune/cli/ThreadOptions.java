package org.histoprune.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads}, for the commands that run a network: PyTorch reads its thread settings once, when DJL
 * first loads it, so {@link #configureEngine()} must come before any model is touched.
 */
public final class ThreadOptions {
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    public int threads() {
        return threads;
    }

    /** The engine's intra-op threads, unless given on the java command line; see {@link Engines}. */
    public void configureEngine() {
        Engines.configureThreads(threads);
    }
}
