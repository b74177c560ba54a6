package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the cells of a grid that are not finished yet, in any number of cooperating processes sharing one
 * {@link ResultStore}: a cell is claimed through its lock file, computed once its parents are finished, stored
 * atomically, and released. Finished cells are read, never recomputed, with one exception: a finished cell whose
 * model file is gone (models are scratch, only cell JSONs are kept across sessions) is recomputed when a pending
 * cell needs it as a parent, recursively up its chain, and its JSON is overwritten. A process waits while other
 * live processes hold the only claimable cells.
 */
public final class Sweep {
    /** Receives progress on the sweep's thread; must return quickly. */
    public interface Listener {
        /** Before the first cell: {@code finished} of {@code total} cells are already stored. */
        default void onStart(int finished, int total) {
        }

        /** A cell was computed here and stored; {@code finished} counts every stored cell of the grid. */
        default void onCell(CellResult result, int finished, int total) {
        }

        /** A finished cell is computed again because a pending cell needs its model, which is missing. */
        default void onRecomputing(CellSpec cell) {
        }

        /** This process is idle, waiting for cells that others are computing. */
        default void onWaiting(int finished, int total) {
        }
    }

    private final ResultStore store;
    private final CellRunner runner;
    private final List<Listener> listeners = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final long pollMillis;
    private Instant stopAfter = Instant.MAX;

    public Sweep(ResultStore store, Path denseModel, String command) {
        this(store, denseModel, command, 2000);
    }

    Sweep(ResultStore store, Path denseModel, String command, long pollMillis) {
        this.store = store;
        this.runner = new CellRunner(store, denseModel, command);
        this.pollMillis = pollMillis;
    }

    public Sweep addListener(Listener listener) {
        listeners.add(listener);
        return this;
    }

    /** Stops after the current cell (the evaluation stops between images; an unfinished cell is not stored). */
    public void cancel() {
        cancelled.set(true);
    }

    /** Starts no further cell after {@code deadline}: the cell being computed then is finished and stored. */
    public Sweep stopAfter(Instant deadline) {
        stopAfter = deadline;
        return this;
    }

    /** Runs until every cell of {@code grid} is stored or the sweep is cancelled; returns the cells computed here. */
    public int run(List<CellSpec> grid) throws IOException, InterruptedException {
        int total = grid.size();
        int computed = 0;
        int finished = countFinished(grid);
        for (Listener listener : listeners) {
            listener.onStart(finished, total);
        }
        while (!cancelled.get() && Instant.now().isBefore(stopAfter)) {
            List<CellSpec> pending = toCompute(grid);
            if (pending.isEmpty()) {
                break;
            }
            Optional<CellSpec> next = claimNext(pending);
            if (next.isEmpty()) {
                int done = countFinished(grid);
                listeners.forEach(l -> l.onWaiting(done, total));
                Thread.sleep(pollMillis);
                continue;
            }
            CellSpec cell = next.get();
            CellResult result;
            boolean recomputation = store.isDone(cell.key());
            try {
                if (recomputation && !lostModel(cell)) {
                    continue; // stored by another process between our scan and our claim
                }
                if (recomputation) {
                    listeners.forEach(l -> l.onRecomputing(cell));
                }
                result = cell.parents().stream().map(p -> store.read(p.key())).flatMap(Optional::stream)
                        .filter(p -> p.status() != CellResult.Status.DONE).findFirst()
                        .map(p -> runner.unreachableBecauseOf(cell, p))
                        .orElse(null);
                if (result == null) {
                    result = runner.run(cell, cancelled::get);
                }
                store.write(result, recomputation);
            } catch (java.util.concurrent.CancellationException e) {
                break;
            } finally {
                store.release(cell.key());
            }
            computed++;
            int done = countFinished(grid);
            CellResult stored = result;
            listeners.forEach(l -> l.onCell(stored, done, total));
        }
        return computed;
    }

    /**
     * The cells to compute, in grid order: the unfinished ones, and the finished parents (recursively) whose model an
     * unfinished cell needs but which is missing.
     */
    private List<CellSpec> toCompute(List<CellSpec> grid) {
        Set<String> needed = new HashSet<>();
        Deque<CellSpec> open = new ArrayDeque<>(grid.stream().filter(c -> !store.isDone(c.key())).toList());
        while (!open.isEmpty()) {
            CellSpec cell = open.pop();
            if (needed.add(cell.key())) {
                cell.parents().stream().filter(this::lostModel).forEach(open::push);
            }
        }
        return grid.stream().filter(c -> needed.contains(c.key())).toList();
    }

    /** Whether a cell finished with a model whose file is gone. */
    private boolean lostModel(CellSpec cell) {
        return store.read(cell.key()).filter(r -> r.status() == CellResult.Status.DONE && r.modelFile() != null)
                .map(r -> !Files.isRegularFile(store.modelFile(r))).orElse(false);
    }

    /** The first cell to compute whose parents are stored with their models and that this process could claim. */
    private Optional<CellSpec> claimNext(List<CellSpec> pending) throws IOException {
        for (CellSpec cell : pending) {
            boolean ready = cell.parents().stream().allMatch(p -> store.isDone(p.key()) && !lostModel(p));
            if (ready && store.tryClaim(cell.key())) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    private int countFinished(List<CellSpec> grid) {
        return (int) grid.stream().filter(c -> store.isDone(c.key())).count();
    }
}
