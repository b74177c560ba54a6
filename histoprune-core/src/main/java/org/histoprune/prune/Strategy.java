package org.histoprune.prune;

import java.util.Arrays;
import java.util.Locale;

/** What to prune: single weights by magnitude (three mask patterns) or whole filters (two importances). */
public enum Strategy {
    /** The same fraction of every tensor (the seed paper's layer-wise magnitude pruning). */
    LAYERWISE("layerwise", false),
    /** One magnitude threshold over all prunable weights (network-wide). */
    GLOBAL("global", false),
    /** N of every M consecutive weights of a filter kept, by magnitude (2:4 for Ampere sparse tensor cores). */
    NM("nm", false),
    /** Filters ranked by the L1 norm of their weights (Li et al.). */
    L1_FILTER("l1-filter", true),
    /** Filters ranked by Taylor first-order importance of their batch-norm gate (Molchanov et al.). */
    TAYLOR("taylor", true);

    private final String cliName;
    private final boolean structured;

    Strategy(String cliName, boolean structured) {
        this.cliName = cliName;
        this.structured = structured;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether filters are removed (a smaller network) rather than weights masked. */
    public boolean structured() {
        return structured;
    }

    public static Strategy parse(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Strategy::cliName).toList()));
    }
}
