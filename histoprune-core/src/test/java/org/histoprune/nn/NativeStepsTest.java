package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's exit waits for running PyTorch work. Without that, exiting (Ctrl-C, SIGTERM, System.exit) ran libtorch's
 * static destructors under a running convolution: SIGSEGV in dnnl_primitive_execute (the hs_err logs of issue 13).
 */
class NativeStepsTest {
    private static final int RUNS = 2;

    @TempDir
    Path dir;

    @Test
    void exitWaitsForTheRunningStepAndRefusesNewOnes() throws Exception {
        NativeSteps steps = new NativeSteps(); // not the process's own: this JVM goes on running tests
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> step = CompletableFuture.runAsync(() -> steps.step(() -> {
            inStep.countDown();
            awaitQuietly(release); // a convolution in native code
            events.add("step ended");
            return null;
        }));
        assertTrue(inStep.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            steps.drain(10, TimeUnit.MINUTES);
            events.add("drained");
        });
        while (!steps.exiting()) {
            Thread.onSpinWait();
        }
        release.countDown();
        drained.get(60, TimeUnit.SECONDS);
        step.get(60, TimeUnit.SECONDS);
        assertEquals(List.of("step ended", "drained"), events, "the exit went on only after the running step");
        assertThrows(CancellationException.class, () -> steps.step(() -> "a new forward pass"));
    }

    /** The real exit path: a JVM told to exit in the middle of forward passes ends cleanly and does not hang. */
    @Test
    void exitingDuringAForwardPassEndsTheProcessWithoutACrash() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Path log = dir.resolve("child-" + run + ".log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-Dai.djl.offline=true",
                    "-cp", System.getProperty("java.class.path"), ExitDuringForward.class.getName())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child JVM ended");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(output.contains("exiting"), output);
            assertEquals(0, child.exitValue(), "run " + run + ": " + output);
            assertFalse(output.contains("SIGSEGV"), output);
            assertEquals(List.of(), crashLogs(), "run " + run);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Path> crashLogs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
        }
    }
}
