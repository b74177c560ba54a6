package org.histoprune.cli;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs the output writing of {@code segment} on one background thread, in submission order, so that the next
 * block's or image's prediction overlaps it. At most {@value #PENDING} tasks wait (each may hold a block's pixels),
 * so memory stays bounded: {@link #submit} blocks until one is done. After a task fails, later {@link #submit}
 * tasks are skipped (their outputs would be incomplete) and the failure is rethrown to the caller, while
 * {@link #always} tasks (clean-up) still run.
 */
final class BackgroundWriter implements AutoCloseable {
    /** Something to write, on the writer thread. */
    @FunctionalInterface
    interface Task {
        void run() throws IOException;
    }

    static final int PENDING = 2;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread writer = new Thread(task, "segment-writer");
        writer.setDaemon(true);
        return writer;
    });
    private final Semaphore free = new Semaphore(PENDING);
    private volatile Throwable failure;

    /** Queues a writing task; throws the failure of an earlier task instead, if there was one. */
    void submit(Task task) throws IOException {
        rethrowFailure();
        enqueue(task, false);
    }

    /** Queues a task that runs even after a failure (closing what the failed ones left open). */
    void always(Task task) {
        enqueue(task, true);
    }

    /** Waits until every queued task has run; throws the first failure, if any. */
    void drain() throws IOException {
        awaitQueued();
        rethrowFailure();
    }

    /** Waits for the queued tasks (a failure is left to {@link #drain}) and stops the thread. */
    @Override
    public void close() {
        awaitQueued();
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns once no task is queued or running: all permits are free. */
    private void awaitQueued() {
        free.acquireUninterruptibly(PENDING);
        free.release(PENDING);
    }

    private void enqueue(Task task, boolean evenAfterFailure) {
        free.acquireUninterruptibly();
        thread.execute(() -> {
            try {
                if (evenAfterFailure || failure == null) {
                    task.run();
                }
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } finally {
                free.release();
            }
        });
    }

    private void rethrowFailure() throws IOException {
        Throwable e = failure; // a Task throws nothing else than these three kinds
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw (RuntimeException) e;
        }
    }
}
