package org.histoprune.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.histoprune.prune.PrunedBranches;

/**
 * The grid of a sweep. Compression study: strategies x CRs x seeds (plus the shared dense cell, CR 1) for the
 * pruned {@code branches}; iterative chains need every power of two below their largest CR, which {@link #cells}
 * adds. With both branches, magnitude strategies prune each branch in its own chain and a merged cell per CR
 * joins the two (the paper's Fig. 1); filter pruning keeps the branches the same shape and prunes both together.
 * Filter-importance study: the dense cell, then per importance ({@code strategies}) and seed one iterative chain
 * through the {@code filterRatios} (fractions of the dense network's filters removed, ascending). Sample-size study:
 * per seed and training-image fraction ({@code sampleRatios}) a network trained from scratch (filter ratio 0) and
 * its L1-pruned, fine-tuned variants at the other {@code filterRatios}.
 */
public record SweepPlan(CellSpec.Study study, List<String> strategies, List<Integer> crs, List<Long> seeds,
        boolean oneShot, List<Double> filterRatios, List<Double> sampleRatios, Recipe recipe,
        PrunedBranches branches) {
    /** A plan of both branches. */
    public SweepPlan(CellSpec.Study study, List<String> strategies, List<Integer> crs, List<Long> seeds,
            boolean oneShot, List<Double> filterRatios, List<Double> sampleRatios, Recipe recipe) {
        this(study, strategies, crs, seeds, oneShot, filterRatios, sampleRatios, recipe, PrunedBranches.BOTH);
    }

    public SweepPlan {
        strategies = List.copyOf(strategies);
        crs = List.copyOf(crs);
        seeds = List.copyOf(seeds);
        filterRatios = List.copyOf(filterRatios);
        sampleRatios = List.copyOf(sampleRatios);
        if (branches == null) {
            branches = PrunedBranches.BOTH;
        }
        if (branches != PrunedBranches.BOTH && strategies.stream().anyMatch(
                name -> org.histoprune.prune.Strategy.parse(name).structured())) {
            throw new IllegalArgumentException("filter pruning prunes both branches: use --branch both");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed is needed");
        }
        if (study != CellSpec.Study.COMPRESSION) {
            filterRatios = filterRatios.stream().distinct().sorted().toList();
            if (strategies.isEmpty() || strategies.stream().anyMatch(
                    name -> !org.histoprune.prune.Strategy.parse(name).structured())) {
                throw new IllegalArgumentException("the filter studies prune filters: strategies l1-filter or taylor");
            }
            if (filterRatios.stream().anyMatch(r -> !(r >= 0 && r < 1))) {
                throw new IllegalArgumentException("filter ratios must be in [0, 1), got " + filterRatios);
            }
            if (study == CellSpec.Study.SAMPLE_SIZE && (sampleRatios.isEmpty()
                    || sampleRatios.stream().anyMatch(f -> !(f > 0 && f <= 1)))) {
                throw new IllegalArgumentException("training-image fractions must be in (0, 1], got " + sampleRatios);
            }
        }
        if (study == CellSpec.Study.COMPRESSION && !oneShot
                && crs.stream().anyMatch(cr -> cr > 1 && Integer.bitCount(cr) != 1)) {
            throw new IllegalArgumentException("iterative pruning halves the weights per round: CRs must be powers of 2");
        }
    }

    /** The paper's CRs: 1, 2, 4, ..., 512. */
    public static List<Integer> powersOfTwo(int max) {
        List<Integer> crs = new ArrayList<>();
        for (int cr = 1; cr <= max; cr *= 2) {
            crs.add(cr);
        }
        return crs;
    }

    /** Filter ratios 0.1, 0.2, ..., 0.9 (the filter-importance study's chain). */
    public static List<Double> tenths() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            ratios.add(i / 10.0);
        }
        return ratios;
    }

    public SweepPlan withStrategies(List<String> value) {
        return new SweepPlan(study, value, crs, seeds, oneShot, filterRatios, sampleRatios, recipe, branches);
    }

    public SweepPlan withCrs(List<Integer> value) {
        return new SweepPlan(study, strategies, value, seeds, oneShot, filterRatios, sampleRatios, recipe, branches);
    }

    public SweepPlan withSeeds(List<Long> value) {
        return new SweepPlan(study, strategies, crs, value, oneShot, filterRatios, sampleRatios, recipe, branches);
    }

    public SweepPlan withOneShot(boolean value) {
        return new SweepPlan(study, strategies, crs, seeds, value, filterRatios, sampleRatios, recipe, branches);
    }

    public SweepPlan withRecipe(Recipe value) {
        return new SweepPlan(study, strategies, crs, seeds, oneShot, filterRatios, sampleRatios, value, branches);
    }

    public SweepPlan withFilterRatios(List<Double> value) {
        return new SweepPlan(study, strategies, crs, seeds, oneShot, value, sampleRatios, recipe, branches);
    }

    public SweepPlan withSampleRatios(List<Double> value) {
        return new SweepPlan(study, strategies, crs, seeds, oneShot, filterRatios, value, recipe, branches);
    }

    public SweepPlan withBranches(PrunedBranches value) {
        return new SweepPlan(study, strategies, crs, seeds, oneShot, filterRatios, sampleRatios, recipe, value);
    }

    /**
     * Every cell, parents before children: dense first, then depth-first per (strategy, seed), every CR of both
     * branches and their merges before the next, so that a sweep started in grid order finishes whole units and a
     * session that stops mid-way leaves at most one unit's models to recompute.
     */
    public List<CellSpec> cells(Path model, Path data, Map<String, Path> evals) throws IOException {
        String sha = sha256(model);
        String dataPath = data.toAbsolutePath().normalize().toString();
        Map<String, String> evalPaths = new TreeMap<>();
        evals.forEach((name, dir) -> evalPaths.put(name, dir.toAbsolutePath().normalize().toString()));
        Set<CellSpec> cells = new LinkedHashSet<>();
        if (study == CellSpec.Study.SAMPLE_SIZE) {
            List<Double> ratios = new ArrayList<>(List.of(0.0));
            filterRatios.stream().filter(r -> r > 0).forEach(ratios::add);
            for (String strategy : strategies) {
                for (long seed : seeds) {
                    for (double fraction : sampleRatios) {
                        for (double ratio : ratios) {
                            cells.add(new CellSpec(study, strategy, 1, true, ratio, fraction, seed, recipe, sha,
                                    dataPath, evalPaths));
                        }
                    }
                }
            }
            return List.copyOf(cells);
        }
        CellSpec dense = new CellSpec(study, CellSpec.DENSE, 1, false, 0, 0, 0, recipe, sha, dataPath, evalPaths);
        cells.add(dense);
        if (study == CellSpec.Study.FILTER_IMPORTANCE) {
            List<Double> chain = filterRatios.stream().filter(r -> r > 0).toList();
            for (String strategy : strategies) {
                for (long seed : seeds) {
                    for (double ratio : chain) {
                        cells.add(new CellSpec(study, strategy, 1, false, ratio, 0, seed, recipe, sha, dataPath,
                                evalPaths, PrunedBranches.BOTH.cliName(), chain));
                    }
                }
            }
            return List.copyOf(cells);
        }
        int max = crs.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Integer> all = oneShot ? crs.stream().sorted().toList() : powersOfTwo(max);
        for (String strategy : strategies) {
            for (long seed : seeds) {
                for (int cr : all) {
                    if (cr > 1) {
                        CellSpec cell = new CellSpec(study, strategy, cr, oneShot, 0, 0, seed, recipe, sha, dataPath,
                                evalPaths, branches.cliName());
                        if (cell.merged()) {
                            cells.addAll(cell.parents());
                        }
                        cells.add(cell);
                    }
                }
            }
        }
        return List.copyOf(cells);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
