package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.NucleiModel;
import org.histoprune.prune.PruneConfig;
import org.histoprune.prune.Pruner;
import org.histoprune.prune.Strategy;

/**
 * What a sweep still has to do, before it runs: its pending cells, those that are infeasible on this model (a
 * layer-wise CR that would empty a layer costs nothing), the retraining steps at most (the epoch cap: a plateau
 * ends rounds earlier) and the megapixels to score, and from them an upper bound of the wall time. The rates are
 * those of the bundled base-16 model on the 2-core machine ({@code docs/results/quick}: about 1.1 s per step of
 * both branches at 256-pixel crops, about 4 s per megapixel scored through the whole pipeline at 512-pixel tiles).
 * Training from scratch (sample-size study) counts its steps as retraining does; the inference timing of a
 * filter-importance cell counts its predictions (warm-ups included) at the scoring rate. All of it at the dense
 * network's speed: pruned networks train and predict faster.
 */
public record SweepEstimate(int cells, int finished, int infeasible, long rounds, long branchSteps, int scoredCells,
        double megapixels, double timedMegapixels) {
    static final double SECONDS_PER_BRANCH_STEP = 0.55;
    static final double SECONDS_PER_MEGAPIXEL = 4.0;
    /** Batch-norm recalibration, loading and saving of one pruning round. */
    static final double SECONDS_PER_ROUND = 10;

    /** Looks at every pending cell of {@code grid}; reads the model once and the evaluation images' headers. */
    public static SweepEstimate of(List<CellSpec> grid, Path model, ResultStore store) throws IOException {
        int finished = 0;
        int infeasible = 0;
        int scored = 0;
        long steps = 0;
        double megapixels = 0;
        long rounds = 0;
        double timed = 0;
        Map<String, Double> setMegapixels = new HashMap<>();
        try (NucleiModel dense = NucleiModel.load(model)) {
            for (CellSpec cell : grid) {
                if (store.isDone(cell.key())) {
                    finished++;
                    continue;
                }
                if (!feasible(dense, cell)) {
                    infeasible++;
                    continue;
                }
                int branches = cell.branches().branches().size();
                if (prunes(cell)) {
                    rounds++;
                    steps += (long) cell.recipe().epochs() * cell.recipe().stepsPerEpoch() * branches;
                } else if (cell.study() == CellSpec.Study.SAMPLE_SIZE) {
                    steps += (long) cell.recipe().trainingSteps() * branches;
                }
                if (cell.study() == CellSpec.Study.FILTER_IMPORTANCE) {
                    timed += 2 * CellRunner.TIMED_RUNS * CellRunner.TIMED_SIDE * CellRunner.TIMED_SIDE / 1e6;
                }
                if (!cell.evals().isEmpty()) {
                    scored++;
                    for (String folder : cell.evals().values()) {
                        megapixels += setMegapixels.computeIfAbsent(folder, f -> megapixels(Path.of(f)));
                    }
                }
            }
        }
        return new SweepEstimate(grid.size(), finished, infeasible, rounds, steps, scored, megapixels, timed);
    }

    /** Upper bound of the wall time of the pending cells, in hours. */
    public double hours() {
        return (branchSteps * SECONDS_PER_BRANCH_STEP + (megapixels + timedMegapixels) * SECONDS_PER_MEGAPIXEL
                + rounds * SECONDS_PER_ROUND) / 3600;
    }

    @Override
    public String toString() {
        String timing = timedMegapixels > 0 ? String.format(Locale.ROOT, " and %.0f megapixels of inference timing",
                timedMegapixels) : "";
        return String.format(Locale.ROOT, "%d cells, %d finished, %d infeasible on this model (cost nothing);"
                + " pending: at most %,d retraining steps (per branch) and %d scored cells (%.0f megapixels)%s:"
                + " at most about %.1f h on 2 cores (%.2f s per branch step, %.0f s per megapixel scored;"
                + " plateaus end retraining earlier)", cells, finished, infeasible, branchSteps, scoredCells, megapixels,
                timing, hours(), SECONDS_PER_BRANCH_STEP, SECONDS_PER_MEGAPIXEL);
    }

    /** Whether a cell prunes (and then retrains) a model: it costs a round. */
    private static boolean prunes(CellSpec cell) {
        return switch (cell.study()) {
            case COMPRESSION -> cell.cr() > 1 && !cell.merged();
            case FILTER_IMPORTANCE -> !cell.strategy().equals(CellSpec.DENSE);
            case SAMPLE_SIZE -> cell.filterRatio() > 0;
        };
    }

    /** A magnitude cell (or a merge) whose CR this model cannot reach is infeasible; other cells are feasible. */
    private static boolean feasible(NucleiModel dense, CellSpec cell) {
        if (cell.study() != CellSpec.Study.COMPRESSION || cell.cr() == 1) {
            return true;
        }
        Strategy strategy = Strategy.parse(cell.strategy());
        if (strategy != Strategy.GLOBAL && strategy != Strategy.LAYERWISE) {
            return true;
        }
        try {
            new Pruner(dense, PruneConfig.magnitude(strategy, cell.cr()).withOneShot(cell.oneShot())
                    .withExcludeFirstLast(cell.recipe().excludeFirstLast()).withBranches(cell.branches()));
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Pixels of every image of an evaluation set, from the image headers. */
    private static double megapixels(Path folder) {
        Dataset dataset = DatasetLoaders.detect(folder);
        double pixels = 0;
        for (int i = 0; i < dataset.size(); i++) {
            pixels += pixelsOf(dataset.imagePath(i));
        }
        return pixels / 1e6;
    }

    private static double pixelsOf(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException(image, "not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return (double) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidInputException(image, "unreadable image (" + e.getMessage() + ")");
        }
    }
}
