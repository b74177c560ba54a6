package org.histoprune.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;

/**
 * Follows a job on the console: "blocks D/T" with the elapsed time and an ETA, every {@code intervalMillis} while
 * an action runs (the Spark UI stays available besides). As a listener it counts the tasks Spark had to re-run
 * (lost executors, failed attempts).
 */
final class JobProgress extends SparkListener {
    private final PrintWriter console;
    private final String unit;
    private final long intervalMillis;
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong runMillis = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger succeeded = new AtomicInteger();

    JobProgress(PrintWriter console, String unit, long intervalMillis) {
        this.console = console;
        this.unit = unit;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.reason() instanceof TaskFailedReason) {
            failedAttempts.incrementAndGet();
        } else if (taskEnd.taskMetrics() != null) {
            succeeded.incrementAndGet();
            runMillis.addAndGet(taskEnd.taskMetrics().executorRunTime());
        }
    }

    /** Mean run time in seconds of the tasks that succeeded (on their executors, without scheduling). */
    double meanTaskSeconds() {
        return succeeded.get() == 0 ? 0 : runMillis.get() / 1000.0 / succeeded.get();
    }

    /** Task attempts that failed and were run again (an executor lost mid-task counts once per task). */
    int failedAttempts() {
        return failedAttempts.get();
    }

    /** Runs {@code action}, printing how many of {@code total} units {@code done} counts meanwhile. */
    <T> T follow(int total, LongAccumulator done, Callable<T> action) {
        long start = System.nanoTime();
        Thread printer = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(intervalMillis);
                    print(Math.min(total, done.value()), total, start);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "job-progress");
        printer.setDaemon(true);
        printer.start();
        try {
            T result = action.call();
            print(total, total, start);
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            printer.interrupt();
        }
    }

    private synchronized void print(long done, int total, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String eta = done == 0 ? "?" : clock(seconds / done * (total - done));
        console.printf(Locale.ROOT, "%s %d/%d done, %s elapsed, ETA %s%n", unit, done, total, clock(seconds), eta);
        console.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
