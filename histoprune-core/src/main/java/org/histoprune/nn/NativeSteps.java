package org.histoprune.nn;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps the JVM's exit away from running PyTorch work. Exiting (Ctrl-C, SIGTERM, {@code System.exit}) ends with
 * libc's {@code exit()}, which runs libtorch's static destructors while threads inside native code go on: a thread in
 * the middle of a forward or backward pass then calls a freed oneDNN primitive and the JVM dies with SIGSEGV in
 * {@code dnnl_primitive_execute} (docs/STACK.md). Forward and backward passes run as steps here; on exit a shutdown
 * hook waits for the running steps and from then on refuses new ones with a {@link CancellationException}, so every
 * loop leaves through its own cancel path.
 */
final class NativeSteps {
    /** Longest wait for running steps on exit; a longer pass is left to its fate rather than hang the exit. */
    private static final long DRAIN_SECONDS = 60;
    private static final NativeSteps PROCESS = new NativeSteps();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> PROCESS.drain(DRAIN_SECONDS, TimeUnit.SECONDS),
                    "histoprune-native-drain"));
        } catch (IllegalStateException alreadyExiting) {
            PROCESS.exiting = true;
        }
    }

    private final ReentrantReadWriteLock running = new ReentrantReadWriteLock();
    private volatile boolean exiting;

    /** Runs one step of native work in this process, unless it is exiting. */
    static <T> T call(Supplier<T> step) {
        return PROCESS.step(step);
    }

    static void run(Runnable step) {
        PROCESS.step(() -> {
            step.run();
            return null;
        });
    }

    <T> T step(Supplier<T> step) {
        if (exiting || !running.readLock().tryLock()) {
            throw new CancellationException("the JVM is exiting");
        }
        try {
            if (exiting) {
                throw new CancellationException("the JVM is exiting");
            }
            return step.get();
        } finally {
            running.readLock().unlock();
        }
    }

    boolean exiting() {
        return exiting;
    }

    /** Refuses new steps and waits for the running ones; the lock stays taken until the process has ended. */
    void drain(long timeout, TimeUnit unit) {
        exiting = true;
        try {
            running.writeLock().tryLock(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
