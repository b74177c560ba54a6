package org.histoprune.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges the seed paper's claims (Mahbod, Entezari et al. 2022) on a sweep, against the spread over seeds, on every
 * evaluation set: layer-wise beats network-wide at small CR (2-8); network-wide wins at large CR (>= 64, an
 * infeasible layer-wise cell counts as a loss); Dice is robust (< 2% drop up to CR >= 16 for every strategy);
 * layer-wise pruning keeps each task within 2% up to the paper's CRs (Dice 16, MSE 16, AJI and PQ 4); and,
 * for every set but the in-distribution one, layer-wise is less robust under the shift. Two means differ only when
 * their +-1 SD bands do not overlap (one seed: no spread, any difference counts). Each verdict is {@link Verdict}.
 */
final class CompressionClaims {
    static final double TOLERATED_DROP = 0.02;
    static final List<Integer> SMALL_CRS = List.of(2, 4, 8);
    static final int LARGE_CR = 64;
    static final int ROBUST_CR = 16;
    private static final List<String> INSTANCE_METRICS = List.of("aji", "pq");

    /** How a claim fares on our cells. */
    enum Verdict {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), WITHIN_NOISE("within noise"), NOT_TESTABLE("n/a");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        /** Holds when most comparisons are clear wins, fails when clear losses outnumber clear wins. */
        static Verdict of(int wins, int losses, int total) {
            if (total == 0) {
                return NOT_TESTABLE;
            }
            if (2 * wins > total) {
                return HOLDS;
            }
            return losses > wins ? DOES_NOT_HOLD : WITHIN_NOISE;
        }
    }

    /** A claim, the paper's numbers, ours (with the spread) and the verdict. */
    record Claim(String claim, String paper, String ours, Verdict verdict) {
    }

    private final CompressionView view;
    private final String primary;

    CompressionClaims(CompressionView view, String primary) {
        this.view = view;
        this.primary = primary;
    }

    /** Every claim on the in-distribution set first, then on each other set, then the shift claims. */
    List<Claim> claims() {
        List<String> sets = new ArrayList<>(List.of(primary));
        view.evals().stream().filter(e -> !e.equals(primary)).forEach(sets::add);
        List<Claim> claims = new ArrayList<>();
        for (String eval : sets) {
            claims.add(compare("layer-wise beats network-wide at small CR (2-8) on " + eval,
                    "layer-wise better for all measures at small CR", CompressionView.LAYERWISE,
                    CompressionView.GLOBAL, SMALL_CRS, eval));
            claims.add(compare("network-wide wins at large CR (>= 64) on " + eval, "layer-wise harms performance for"
                    + " CR > 2^5, impossible beyond 2^7", CompressionView.GLOBAL, CompressionView.LAYERWISE,
                    view.allCrs().stream().filter(cr -> cr >= LARGE_CR).toList(), eval));
            claims.add(diceRobust(eval));
            claims.add(layerwiseTolerance(eval));
        }
        for (String eval : sets.subList(1, sets.size())) {
            claims.add(shift(eval));
        }
        return claims;
    }

    /** Largest CR with a mean drop below 2% against the dense model, or empty when even CR 2 drops more. */
    Optional<Integer> largestSafeCr(String line, String eval, String metric) {
        return largestSafeCr(line, eval, metric, false);
    }

    /** As above; {@code bestSeed} judges the best seed of each CR instead of the mean (the band's good end). */
    private Optional<Integer> largestSafeCr(String line, String eval, String metric, boolean bestSeed) {
        Optional<Double> dense = view.mean(line, eval, metric, 1);
        if (dense.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> best = Optional.empty();
        for (int cr : view.crs(line)) {
            Optional<Series.Point> point = view.point(line, eval, metric, cr);
            if (point.isEmpty()) {
                continue;
            }
            double value = !bestSeed ? point.get().mean() : lowerIsBetter(metric) ? point.get().min() : point.get().max();
            if (drop(metric, dense.get(), value) < TOLERATED_DROP) {
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

    /**
     * 1 when {@code a} is clearly better than {@code b} on {@code metric} (their +-1 SD bands over seeds do not
     * overlap), -1 when clearly worse, 0 within noise.
     */
    static int clearlyBetter(String metric, Series.Point a, Series.Point b) {
        double better = lowerIsBetter(metric) ? b.mean() - a.mean() : a.mean() - b.mean();
        return Math.abs(better) > a.sd() + b.sd() ? (int) Math.signum(better) : 0;
    }

    /** Whether a pruned value keeps within 2 % of the unpruned one, or is not clearly worse than it. */
    static boolean comparable(String metric, Series.Point unpruned, Series.Point pruned) {
        return drop(metric, unpruned.mean(), pruned.mean()) < TOLERATED_DROP
                || clearlyBetter(metric, pruned, unpruned) >= 0;
    }

    /** Errors (MSE, cross-entropy): a rise is a loss. */
    static boolean lowerIsBetter(String metric) {
        return metric.equals("mse") || metric.equals("cross_entropy");
    }

    private Claim compare(String claim, String paper, String winner, String loser, List<Integer> crs, String eval) {
        if (!view.lineNames().contains(winner) || !view.lineNames().contains(loser) || crs.isEmpty()) {
            return new Claim(claim, paper, "needs both magnitude strategies at these CRs", Verdict.NOT_TESTABLE);
        }
        int wins = 0;
        int losses = 0;
        int total = 0;
        List<String> numbers = new ArrayList<>();
        for (int cr : crs) {
            for (String metric : CompressionView.FIGURE_METRICS) {
                Optional<Series.Point> a = view.point(winner, eval, metric, cr);
                Optional<Series.Point> b = view.point(loser, eval, metric, cr);
                if (a.isPresent() && b.isPresent()) {
                    total++;
                    int outcome = clearlyBetter(metric, a.get(), b.get());
                    wins += outcome > 0 ? 1 : 0;
                    losses += outcome < 0 ? 1 : 0;
                    if (metric.equals("aji")) {
                        numbers.add(String.format(Locale.ROOT, "CR %d AJI %s vs %s", cr, format(a.get()),
                                format(b.get())));
                    }
                } else if (a.isPresent() && view.infeasible(loser, cr)) {
                    total++;
                    wins++;
                    if (metric.equals("aji")) {
                        numbers.add(String.format(Locale.ROOT, "CR %d AJI %s vs impossible", cr, format(a.get())));
                    }
                }
            }
        }
        String ours = String.format(Locale.ROOT, "%s clearly better in %d, clearly worse in %d of %d (CR, metric)"
                + " pairs; %s", winner, wins, losses, total, String.join("; ", numbers));
        return new Claim(claim, paper, total == 0 ? "no comparable cells" : ours, Verdict.of(wins, losses, total));
    }

    /**
     * The abstract: layer-wise pruning removes 93.75 % (Dice), 95 % (MSE) and 80 % (instances) of the weights with
     * less than 2 % loss, i.e. CR 16, 20 and 5; on our power-of-two grid CR 16, 16 and 4.
     */
    private Claim layerwiseTolerance(String eval) {
        String claim = "layer-wise keeps each task within 2% up to CR 16 (Dice, MSE) and 4 (AJI, PQ) on " + eval;
        String paper = "93.75 % (Dice), 95 % (MSE), 80 % (instances) of the weights pruned with < 2 % loss";
        if (!view.lineNames().contains(CompressionView.LAYERWISE)) {
            return new Claim(claim, paper, "needs the layer-wise line", Verdict.NOT_TESTABLE);
        }
        String layerwise = CompressionView.LAYERWISE;
        List<Tolerance> tasks = List.of(tolerance("dice", layerwise, eval, "dice", ROBUST_CR),
                tolerance("mse", layerwise, eval, "mse", ROBUST_CR), tolerance("aji", layerwise, eval, "aji", 4),
                tolerance("pq", layerwise, eval, "pq", 4));
        return new Claim(claim, paper, "largest layer-wise CR with < 2% loss: "
                + String.join(", ", tasks.stream().map(Tolerance::text).toList()), Tolerance.verdict(tasks));
    }

    private Claim diceRobust(String eval) {
        String claim = "Dice is robust to pruning (< 2% drop up to CR >= " + ROBUST_CR + ") on " + eval;
        String paper = "Dice within 2% up to CR 2^7 (network-wide) and 2^4 (layer-wise)";
        if (view.lineNames().isEmpty()) {
            return new Claim(claim, paper, "no pruned cells", Verdict.NOT_TESTABLE);
        }
        List<Tolerance> lines = view.lineNames().stream()
                .map(line -> tolerance(line, line, eval, "dice", ROBUST_CR)).toList();
        return new Claim(claim, paper, "largest CR with < 2% Dice drop: "
                + String.join(", ", lines.stream().map(Tolerance::text).toList()), Tolerance.verdict(lines));
    }

    /** Whether a line stays within 2% of dense up to {@code needed}, by its mean and by its best seed. */
    private record Tolerance(String text, boolean byMean, boolean byBestSeed) {
        /** Holds when every mean does; within noise when only the best seeds do; else does not hold. */
        static Verdict verdict(List<Tolerance> all) {
            if (all.stream().allMatch(Tolerance::byMean)) {
                return Verdict.HOLDS;
            }
            return all.stream().allMatch(Tolerance::byBestSeed) ? Verdict.WITHIN_NOISE : Verdict.DOES_NOT_HOLD;
        }
    }

    /** {@code label} names the row in the claim's numbers (the line, or the metric). */
    private Tolerance tolerance(String label, String line, String eval, String metric, int needed) {
        Optional<Integer> safe = largestSafeCr(line, eval, metric);
        Optional<Integer> bestSeed = largestSafeCr(line, eval, metric, true);
        return new Tolerance(label + " " + safe.map(String::valueOf).orElse("< 2") + " (best seed "
                + bestSeed.map(String::valueOf).orElse("< 2") + ")", safe.orElse(1) >= needed,
                bestSeed.orElse(1) >= needed);
    }

    /**
     * The paper: layer-wise is less robust under shift. Per CR and instance metric (AJI, PQ), the extra relative drop
     * on {@code eval} over the in-distribution one, layer-wise against network-wide; a difference counts when it
     * exceeds the two lines' spread (their SDs relative to the dense values).
     */
    private Claim shift(String eval) {
        String claim = "layer-wise less robust under distribution shift (" + eval + " vs " + primary + ")";
        String paper = "metrics close to the in-distribution ones; layer-wise less robust";
        String layerwise = CompressionView.LAYERWISE;
        String global = CompressionView.GLOBAL;
        if (!view.lineNames().contains(layerwise) || !view.lineNames().contains(global)) {
            return new Claim(claim, paper, "needs both magnitude strategies", Verdict.NOT_TESTABLE);
        }
        int wins = 0;
        int losses = 0;
        int total = 0;
        double sumLayerwise = 0;
        double sumGlobal = 0;
        for (int cr : view.crs(layerwise)) {
            for (String metric : INSTANCE_METRICS) {
                Optional<double[]> a = shiftLoss(layerwise, eval, metric, cr);
                Optional<double[]> b = shiftLoss(global, eval, metric, cr);
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                total++;
                double more = a.get()[0] - b.get()[0];
                boolean clear = Math.abs(more) > a.get()[1] + b.get()[1];
                wins += clear && more > 0 ? 1 : 0;
                losses += clear && more < 0 ? 1 : 0;
                sumLayerwise += a.get()[0];
                sumGlobal += b.get()[0];
            }
        }
        if (total == 0) {
            return new Claim(claim, paper, "no CR scored on both sets by both strategies", Verdict.NOT_TESTABLE);
        }
        double denseAji = view.mean(global, eval, "aji", 1).orElse(Double.NaN)
                - view.mean(global, primary, "aji", 1).orElse(Double.NaN);
        String ours = String.format(Locale.ROOT, "dense AJI %+.3f under shift; the shift adds %+.1f%% (layer-wise) vs"
                + " %+.1f%% (network-wide) mean AJI/PQ drop; layer-wise clearly worse in %d, clearly better in %d of"
                + " %d (CR, metric) pairs", denseAji, 100 * sumLayerwise / total, 100 * sumGlobal / total, wins, losses,
                total);
        return new Claim(claim, paper, ours, Verdict.of(wins, losses, total));
    }

    /** The extra relative drop under shift of a line at a CR, and its spread: {drop, sd}. */
    private Optional<double[]> shiftLoss(String line, String eval, String metric, int cr) {
        Optional<Double> denseShifted = view.mean(line, eval, metric, 1);
        Optional<Double> denseHome = view.mean(line, primary, metric, 1);
        Optional<Series.Point> shifted = view.point(line, eval, metric, cr);
        Optional<Series.Point> home = view.point(line, primary, metric, cr);
        if (denseShifted.isEmpty() || denseHome.isEmpty() || shifted.isEmpty() || home.isEmpty()) {
            return Optional.empty();
        }
        double loss = drop(metric, denseShifted.get(), shifted.get().mean())
                - drop(metric, denseHome.get(), home.get().mean());
        double spread = shifted.get().sd() / Math.max(Math.abs(denseShifted.get()), 1e-12)
                + home.get().sd() / Math.max(Math.abs(denseHome.get()), 1e-12);
        return Optional.of(new double[] {loss, spread});
    }

    /** Mean, and +-SD with the number of seeds when there are several. */
    static String format(Series.Point point) {
        return point.n() > 1 ? String.format(Locale.ROOT, "%.3f+-%.3f (n=%d)", point.mean(), point.sd(), point.n())
                : String.format(Locale.ROOT, "%.3f", point.mean());
    }
}
