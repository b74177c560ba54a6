package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the cells of a grid that are not finished yet, in any number of cooperating processes sharing one
 * {@link ResultStore}: a cell is claimed through its lock file, computed once its parents are finished, stored
 * atomically, and released. Finished cells are read, never recomputed. A process waits while other live
 * processes hold the only claimable cells.
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

        /** This process is idle, waiting for cells that others are computing. */
        default void onWaiting(int finished, int total) {
        }
    }

    private final ResultStore store;
    private final CellRunner runner;
    private final List<Listener> listeners = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final long pollMillis;

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

    /** Runs until every cell of {@code grid} is stored or the sweep is cancelled; returns the cells computed here. */
    public int run(List<CellSpec> grid) throws IOException, InterruptedException {
        int total = grid.size();
        int computed = 0;
        int finished = countFinished(grid);
        for (Listener listener : listeners) {
            listener.onStart(finished, total);
        }
        while (!cancelled.get()) {
            List<CellSpec> pending = grid.stream().filter(c -> !store.isDone(c.key())).toList();
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
            try {
                if (store.isDone(cell.key())) {
                    continue; // stored by another process between our scan and our claim
                }
                result = cell.parents().stream().map(p -> store.read(p.key())).flatMap(Optional::stream)
                        .filter(p -> p.status() != CellResult.Status.DONE).findFirst()
                        .map(p -> runner.unreachableBecauseOf(cell, p))
                        .orElse(null);
                if (result == null) {
                    result = runner.run(cell, cancelled::get);
                }
                store.write(result);
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

    /** The first pending cell whose parent is stored and that this process could claim. */
    private Optional<CellSpec> claimNext(List<CellSpec> pending) throws IOException {
        for (CellSpec cell : pending) {
            boolean ready = cell.parents().stream().allMatch(p -> store.isDone(p.key()));
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
