package org.histoprune.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the seed paper's claims (Mahbod, Entezari et al. 2022) on a sweep and writes them as Markdown:
 * layer-wise beats network-wide at small CR (2-8); network-wide wins at large CR (>= 64, an infeasible
 * layer-wise cell counts as a loss); Dice is robust (< 2% drop up to CR >= 16 for every strategy); the
 * largest CR with < 2% drop per metric and strategy; and the change under distribution shift.
 */
final class CompressionClaims {
    static final double TOLERATED_DROP = 0.02;
    static final List<Integer> SMALL_CRS = List.of(2, 4, 8);
    static final int LARGE_CR = 64;
    static final int ROBUST_CR = 16;

    /** A claim and whether our data support it ({@code null}: not testable with these cells). */
    record Claim(String claim, String paper, String ours, Boolean holds) {
        String verdict() {
            return holds == null ? "n/a" : holds ? "yes" : "no";
        }
    }

    private final CompressionView view;
    private final String primary;

    CompressionClaims(CompressionView view, String primary) {
        this.view = view;
        this.primary = primary;
    }

    List<Claim> claims() {
        List<Claim> claims = new ArrayList<>();
        claims.add(compare("layer-wise beats network-wide at small CR (2-8)", "layer-wise better for all measures at"
                + " small CR", CompressionView.LAYERWISE, CompressionView.GLOBAL, SMALL_CRS));
        claims.add(compare("network-wide wins at large CR (>= 64)", "layer-wise harms performance for CR > 2^5,"
                + " impossible beyond 2^7", CompressionView.GLOBAL, CompressionView.LAYERWISE,
                view.allCrs().stream().filter(cr -> cr >= LARGE_CR).toList()));
        claims.add(diceRobust());
        for (String eval : view.evals()) {
            if (!eval.equals(primary)) {
                claims.add(shift(eval));
            }
        }
        return claims;
    }

    /** Largest CR with a drop below 2% against the dense model, or empty when even CR 2 drops more. */
    Optional<Integer> largestSafeCr(String line, String eval, String metric) {
        Optional<Double> dense = view.mean(line, eval, metric, 1);
        if (dense.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> best = Optional.empty();
        for (int cr : view.crs(line)) {
            Optional<Double> value = view.mean(line, eval, metric, cr);
            if (value.isPresent() && drop(metric, dense.get(), value.get()) < TOLERATED_DROP) {
                best = Optional.of(cr);
            }
        }
        return best;
    }

    /** Relative loss against the dense value: lower-is-better metrics (MSE, cross-entropy) count a rise. */
    static double drop(String metric, double dense, double value) {
        double change = lowerIsBetter(metric) ? value - dense : dense - value;
        return change / Math.max(Math.abs(dense), 1e-12);
    }

    /** Errors (MSE, cross-entropy): a rise is a loss. */
    static boolean lowerIsBetter(String metric) {
        return metric.equals("mse") || metric.equals("cross_entropy");
    }

    private Claim compare(String claim, String paper, String winner, String loser, List<Integer> crs) {
        if (!view.lineNames().contains(winner) || !view.lineNames().contains(loser) || crs.isEmpty()) {
            return new Claim(claim, paper, "needs both magnitude strategies at these CRs", null);
        }
        int wins = 0;
        int total = 0;
        for (int cr : crs) {
            for (String metric : CompressionView.FIGURE_METRICS) {
                Optional<Double> a = view.mean(winner, primary, metric, cr);
                Optional<Double> b = view.mean(loser, primary, metric, cr);
                if (a.isPresent() && b.isPresent()) {
                    total++;
                    wins += drop(metric, b.get(), a.get()) < 0 ? 1 : 0;
                } else if (a.isPresent() && view.infeasible(loser, cr)) {
                    total++;
                    wins++;
                }
            }
        }
        if (total == 0) {
            return new Claim(claim, paper, "no comparable cells", null);
        }
        String ours = String.format(Locale.ROOT, "%s better in %d of %d (CR, metric) pairs on %s, CR %s", winner,
                wins, total, primary, crs);
        return new Claim(claim, paper, ours, 2 * wins > total);
    }

    private Claim diceRobust() {
        String paper = "Dice within 2% up to CR 2^7 (network-wide) and 2^4 (layer-wise)";
        List<String> parts = new ArrayList<>();
        boolean holds = true;
        for (String line : view.lineNames()) {
            Optional<Integer> safe = largestSafeCr(line, primary, "dice");
            parts.add(line + " " + safe.map(String::valueOf).orElse("< 2"));
            holds &= safe.orElse(1) >= ROBUST_CR;
        }
        if (parts.isEmpty()) {
            return new Claim("Dice is robust to pruning", paper, "no pruned cells", null);
        }
        return new Claim("Dice is robust to pruning (< 2% drop up to CR >= " + ROBUST_CR + ")", paper,
                "largest CR with < 2% Dice drop: " + String.join(", ", parts), holds);
    }

    /** The paper: layer-wise is less robust under shift, i.e. its mean AJI/PQ drop grows more than global's. */
    private Claim shift(String eval) {
        String claim = "layer-wise less robust under distribution shift (" + eval + " vs " + primary + ")";
        String paper = "metrics close to the in-distribution ones; layer-wise less robust";
        if (!view.lineNames().contains(CompressionView.LAYERWISE) || !view.lineNames().contains(CompressionView.GLOBAL)) {
            return new Claim(claim, paper, "needs both magnitude strategies", null);
        }
        double layerwise = meanDrop(CompressionView.LAYERWISE, eval) - meanDrop(CompressionView.LAYERWISE, primary);
        double global = meanDrop(CompressionView.GLOBAL, eval) - meanDrop(CompressionView.GLOBAL, primary);
        double denseAji = view.mean(CompressionView.GLOBAL, eval, "aji", 1).orElse(Double.NaN)
                - view.mean(CompressionView.GLOBAL, primary, "aji", 1).orElse(Double.NaN);
        String ours = String.format(Locale.ROOT, "dense AJI %+.3f under shift; mean AJI/PQ drop grows by %+.1f%%"
                + " (layer-wise) vs %+.1f%% (network-wide)", denseAji, 100 * layerwise, 100 * global);
        boolean testable = Double.isFinite(layerwise) && Double.isFinite(global);
        return new Claim(claim, paper, ours, testable ? layerwise > global : null);
    }

    /** Mean relative AJI and PQ drop over the line's feasible CRs on one set. */
    private double meanDrop(String line, String eval) {
        double sum = 0;
        int count = 0;
        for (String metric : List.of("aji", "pq")) {
            Optional<Double> dense = view.mean(line, eval, metric, 1);
            for (int cr : view.crs(line)) {
                Optional<Double> value = view.mean(line, eval, metric, cr);
                if (dense.isPresent() && value.isPresent()) {
                    sum += drop(metric, dense.get(), value.get());
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
