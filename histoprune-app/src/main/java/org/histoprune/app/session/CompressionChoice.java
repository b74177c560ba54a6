package org.histoprune.app.session;

import java.nio.file.Path;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.histoprune.prune.PrunedBranches;
import org.histoprune.prune.Strategy;

/**
 * The compression the user has picked, shared by the pruning controls, the charts, demo mode and compare:
 * a strategy, the pruned branch(es), a CR as a power of two (log2 0..9, i.e. 1x..512x) and the sweep results
 * folder, if one is open.
 * Properties change on the FX thread only.
 */
public final class CompressionChoice {
    public static final int MAX_LOG2_CR = 9;

    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy", Strategy.GLOBAL);
    private final ObjectProperty<PrunedBranches> branches = new SimpleObjectProperty<>(this, "branches",
            PrunedBranches.BOTH);
    private final IntegerProperty log2Cr = new SimpleIntegerProperty(this, "log2Cr", 0);
    private final ObjectProperty<Path> sweepResults = new SimpleObjectProperty<>(this, "sweepResults");

    public ObjectProperty<Strategy> strategy() {
        return strategy;
    }

    /** Which network(s) are pruned: each on its own, as in the paper (filter strategies always prune both). */
    public ObjectProperty<PrunedBranches> branches() {
        return branches;
    }

    /** 0 is the dense model (1x), 9 is 512x. */
    public IntegerProperty log2Cr() {
        return log2Cr;
    }

    public int compressionRatio() {
        return 1 << log2Cr.get();
    }

    /** The results folder of a sweep whose cells the CR slider can show, or null. */
    public ObjectProperty<Path> sweepResults() {
        return sweepResults;
    }
}
