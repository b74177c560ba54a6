package org.histoprune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.Preset;
import org.histoprune.experiment.Recipe;
import org.histoprune.experiment.ResultStore;
import org.histoprune.experiment.Sweep;
import org.histoprune.experiment.SweepEstimate;
import org.histoprune.experiment.SweepPlan;
import org.histoprune.io.InvalidInputException;
import org.histoprune.prune.PrunedBranches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs (or resumes) a compression-ratio sweep, the filter-importance or the sample-size study into a shared results folder. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune, retrain and evaluate a grid of cells (strategy x CR x seed; importance x filter ratio x seed;",
            "or training-image fraction x filter ratio x seed).",
            "Each finished cell is one JSON file in <results>/cells named by the hash of its configuration:",
            "rerunning resumes, and any number of processes (--workers, or other machines) may share the folder."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SweepOptions sweepOptions;

    @Option(names = "--workers", defaultValue = "1", description = "Worker processes (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads per process (default: cores / workers).")
    private int threads;

    @Option(names = "--stop-after", paramLabel = "MINUTES", description = "Start no cell after this many minutes: the"
            + " cell running then is finished and stored, so a session's sweep ends cleanly within its time budget.")
    private Double stopAfterMinutes;

    @Option(names = "--dry-run", description = "Print the grid, what is finished and an estimate of the rest; compute nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int perProcess = threads > 0 ? threads : Math.max(1, cores / Math.max(1, workers));
        Engines.configureThreads(perProcess);
        ResultStore store = new ResultStore(sweepOptions.results());
        Path model = sweepOptions.denseModel(store);
        List<CellSpec> grid = sweepOptions.grid(model, spec);
        int finished = (int) grid.stream().filter(c -> store.isDone(c.key())).count();
        var out = spec.commandLine().getOut();
        if (dryRun) {
            for (CellSpec cell : grid) {
                out.printf(Locale.ROOT, "%s %-10s %-12s CR %-4d ratio %.2f r %-6s seed %d %s%n", cell.key(),
                        cell.strategy(), cell.branch(), cell.cr(), cell.filterRatio(), cell.sampleRatio(), cell.seed(),
                        store.isDone(cell.key()) ? "done" : "pending");
            }
            out.println(SweepEstimate.of(grid, model, store));
            return 0;
        }
        if (workers > 1) {
            return runWorkers(store, grid, finished, perProcess);
        }
        String command = "histoprune " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Sweep sweep = new Sweep(store, model, command);
        if (stopAfterMinutes != null) {
            if (!(stopAfterMinutes > 0)) {
                throw new InvalidInputException("--stop-after must be a positive number of minutes, got "
                        + stopAfterMinutes);
            }
            sweep.stopAfter(Instant.now().plusSeconds(Math.round(stopAfterMinutes * 60)));
        }
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sweep.cancel();
            try {
                ended.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sweep-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        int computed;
        try (ProgressBar bar = bar(grid.size(), finished)) {
            sweep.addListener(new Sweep.Listener() {
                @Override
                public void onCell(CellResult result, int done, int total) {
                    bar.stepTo(done);
                    bar.setExtraMessage(String.format(Locale.ROOT, "%s %s CR %d %s", result.spec().strategy(),
                            result.spec().branch(), result.spec().cr(), result.status()));
                }

                @Override
                public void onRecomputing(CellSpec cell) {
                    out.printf(Locale.ROOT, "recomputing %s %s %s CR %d seed %d: a pending cell needs its model,"
                            + " which is missing%n", cell.key(), cell.strategy(), cell.branch(), cell.cr(),
                            cell.seed());
                }

                @Override
                public void onWaiting(int done, int total) {
                    bar.stepTo(done);
                    bar.setExtraMessage("waiting for other workers");
                }
            });
            computed = sweep.run(grid);
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // exiting on a signal: the sweep was cancelled after its current cell
            }
        }
        long done = grid.stream().filter(c -> store.isDone(c.key())).count();
        out.printf(Locale.ROOT, "computed %d cells here; %d of %d finished in %s%n", computed, done, grid.size(),
                sweepOptions.results());
        return 0;
    }

    /** Starts worker JVMs on the same command line and follows the shared folder until they exit. */
    private int runWorkers(ResultStore store, List<CellSpec> grid, int finished, int perProcess)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        removeOption(args, "--workers");
        removeOption(args, "--threads");
        Path logs = sweepOptions.results().resolve("logs");
        Files.createDirectories(logs);
        List<Process> children = new ArrayList<>();
        Thread hook = new Thread(() -> children.forEach(Process::destroy), "sweep-workers-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        for (int w = 0; w < workers; w++) {
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Dai.djl.pytorch.num_threads=" + perProcess, "-Dai.djl.pytorch.num_interop_threads=1",
                    "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "sweep"));
            command.addAll(args);
            command.addAll(List.of("--workers", "1", "--threads", Integer.toString(perProcess)));
            Path log = logs.resolve("worker-" + w + ".log");
            children.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        }
        try (ProgressBar bar = bar(grid.size(), finished)) {
            while (children.stream().anyMatch(Process::isAlive)) {
                bar.stepTo(grid.stream().filter(c -> store.isDone(c.key())).count());
                bar.setExtraMessage(children.stream().filter(Process::isAlive).count() + " workers");
                Thread.sleep(2000);
            }
            bar.stepTo(grid.stream().filter(c -> store.isDone(c.key())).count());
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        int failed = 0;
        for (Process child : children) {
            failed += child.exitValue() == 0 ? 0 : 1;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%d workers ended (%d failed; logs in %s)%n", workers, failed,
                logs);
        return failed == 0 ? 0 : Main.EXIT_INTERNAL;
    }

    private static void removeOption(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name)) {
                args.remove(i);
                if (i < args.size()) {
                    args.remove(i);
                }
                i--;
            } else if (args.get(i).startsWith(name + "=")) {
                args.remove(i--);
            }
        }
    }

    private static ProgressBar bar(int total, int finished) {
        return ConsoleBars.builder("sweep", total, 2000).setUnit(" cells", 1).startsFrom(finished, Duration.ZERO)
                .showSpeed().build();
    }
}
