package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundWriterTest {
    @Test
    void tasksRunInOrderOffTheCallersThread() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (BackgroundWriter writer = new BackgroundWriter()) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                writer.submit(() -> ran.add(n + " " + Thread.currentThread().getName()));
            }
            writer.drain();
        }
        assertEquals(20, ran.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i + " segment-writer", ran.get(i));
        }
    }

    @Test
    void aFailureSkipsLaterWritesReachesTheCallerAndLetsCleanUpRun() throws Exception {
        IOException disk = new IOException("disk full");
        AtomicInteger written = new AtomicInteger();
        AtomicInteger cleaned = new AtomicInteger();
        try (BackgroundWriter writer = new BackgroundWriter()) {
            writer.submit(() -> {
                throw disk;
            });
            CountDownLatch failed = new CountDownLatch(1);
            writer.always(failed::countDown);
            assertTrue(failed.await(30, TimeUnit.SECONDS));
            assertSame(disk, assertThrows(IOException.class, () -> writer.submit(written::incrementAndGet)));
            writer.always(cleaned::incrementAndGet);
            assertSame(disk, assertThrows(IOException.class, writer::drain));
        }
        assertEquals(0, written.get());
        assertEquals(1, cleaned.get());
    }

    @Test
    void atMostPendingTasksWaitSoTheCallerIsHeldBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger queued = new AtomicInteger();
        try (BackgroundWriter writer = new BackgroundWriter()) {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < BackgroundWriter.PENDING + 1; i++) {
                        writer.submit(() -> {
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                        queued.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            producer.start();
            // the producer blocks on the task after the PENDING it may queue
            while (producer.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            assertEquals(BackgroundWriter.PENDING, queued.get());
            release.countDown();
            producer.join();
            writer.drain();
        }
        assertEquals(BackgroundWriter.PENDING + 1, queued.get());
    }
}
