package org.histoprune.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All nuclei of the infinite plane, generated lazily per grid cell: each cell draws its own clusters from a
 * random stream seeded by (seed, cell), so a nucleus exists, looks and is ordered the same whichever region asks
 * for it. A cluster is a parent nucleus with 0-3 children placed against it (touching or overlapping). Parents
 * closer than their radii allow are thinned by priority (a Matern type-II process), deterministically, looking
 * only at the neighbouring cells.
 */
final class NucleusField {
    static final int CELL = 64;
    private static final double MAX_ELONGATION = 3.5;
    private static final double MAX_WOBBLE = 0.18;
    private static final double MEAN_CHILDREN = 2;
    private static final long SALT = 0x00C1_EA55L;

    private enum Kind { EPITHELIAL, LYMPHOCYTE, FIBROBLAST }

    /** The nuclei a cell holds before thinning, the parent first in each cluster. */
    private record Cluster(Nucleus parent, List<Nucleus> members) {
    }

    private final HistologySettings settings;
    private final long seed;
    private final TissueField tissue;
    /** How many cells away from its home cell a nucleus may reach. */
    private final int reachCells;

    NucleusField(HistologySettings settings, long seed, TissueField tissue) {
        this.settings = settings;
        this.seed = Noise.mix(seed ^ SALT);
        this.tissue = tissue;
        double extent = settings.maxRadius() * Math.sqrt(MAX_ELONGATION) * (1 + MAX_WOBBLE) + 1;
        this.reachCells = (int) Math.ceil((2 * settings.maxRadius() + extent) / CELL);
    }

    /** Nuclei that may cover a pixel of [x0, x1) x [y0, y1), lowest first. */
    List<Nucleus> within(int x0, int y0, int x1, int y1) {
        Map<Long, List<Cluster>> cache = new HashMap<>();
        List<Nucleus> found = new ArrayList<>();
        for (int cy = Math.floorDiv(y0, CELL) - reachCells; cy <= Math.floorDiv(y1, CELL) + reachCells; cy++) {
            for (int cx = Math.floorDiv(x0, CELL) - reachCells; cx <= Math.floorDiv(x1, CELL) + reachCells; cx++) {
                for (Cluster cluster : clusters(cx, cy, cache)) {
                    if (survives(cluster.parent(), cx, cy, cache)) {
                        for (Nucleus nucleus : cluster.members()) {
                            double e = nucleus.extent();
                            if (nucleus.x() + e >= x0 && nucleus.x() - e <= x1 && nucleus.y() + e >= y0
                                    && nucleus.y() - e <= y1) {
                                found.add(nucleus);
                            }
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingDouble(Nucleus::z));
        return found;
    }

    /** A parent survives unless a parent of higher priority (lower z) sits too close to it. */
    private boolean survives(Nucleus parent, int cx, int cy, Map<Long, List<Cluster>> cache) {
        for (int ny = cy - 1; ny <= cy + 1; ny++) {
            for (int nx = cx - 1; nx <= cx + 1; nx++) {
                for (Cluster other : clusters(nx, ny, cache)) {
                    Nucleus rival = other.parent();
                    if (rival.z() < parent.z() && Math.hypot(rival.x() - parent.x(), rival.y() - parent.y())
                            < 0.9 * (rival.meanRadius() + parent.meanRadius())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private List<Cluster> clusters(int cx, int cy, Map<Long, List<Cluster>> cache) {
        return cache.computeIfAbsent((long) cx << 32 | (cy & 0xFFFFFFFFL), key -> generate(cx, cy));
    }

    private List<Cluster> generate(int cx, int cy) {
        SplittableRandom random = new SplittableRandom(Noise.hash(seed, cx, cy));
        double centreX = (cx + 0.5) * CELL;
        double centreY = (cy + 0.5) * CELL;
        double cellular = tissue.cellularity(centreX, centreY);
        double expected = settings.density() * CELL * CELL / 10_000.0 * tissue.tissue(centreX, centreY)
                * (0.45 + 1.3 * cellular) / (1 + settings.clusterProbability() * MEAN_CHILDREN);
        int count = poisson(expected, random);
        List<Cluster> clusters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double x = (cx + random.nextDouble()) * CELL;
            double y = (cy + random.nextDouble()) * CELL;
            Kind kind = kind(tissue.cellularity(x, y), random);
            Nucleus parent = nucleus(kind, x, y, random);
            List<Nucleus> members = new ArrayList<>();
            members.add(parent);
            if (random.nextDouble() < settings.clusterProbability()) {
                int children = 1 + random.nextInt(3);
                for (int c = 0; c < children; c++) {
                    double direction = random.nextDouble(2 * Math.PI);
                    double radius = drawRadius(kind, random);
                    double distance = (parent.meanRadius() + radius) * random.nextDouble(0.7, 1.0);
                    members.add(nucleus(kind, x + distance * Math.cos(direction), y + distance * Math.sin(direction),
                            random));
                }
            }
            if (tissue.tissue(x, y) > 0.5) {
                clusters.add(new Cluster(parent, members));
            }
        }
        return clusters;
    }

    private static Kind kind(double cellular, SplittableRandom random) {
        if (random.nextDouble() < 0.95 * Noise.smoothStep(0.15, 0.7, cellular)) {
            return Kind.EPITHELIAL;
        }
        return random.nextDouble() < 0.45 ? Kind.LYMPHOCYTE : Kind.FIBROBLAST;
    }

    private double drawRadius(Kind kind, SplittableRandom random) {
        double[] range = switch (kind) {
            case EPITHELIAL -> new double[] {0.4, 1.0};
            case LYMPHOCYTE -> new double[] {0.0, 0.3};
            case FIBROBLAST -> new double[] {0.05, 0.45};
        };
        double span = settings.maxRadius() - settings.minRadius();
        return settings.minRadius() + span * random.nextDouble(range[0], Math.nextUp(range[1]));
    }

    private Nucleus nucleus(Kind kind, double x, double y, SplittableRandom random) {
        double radius = drawRadius(kind, random);
        double elongation;
        double angle;
        double wobble;
        double hematoxylin;
        double chromatin;
        double rim;
        switch (kind) {
            case EPITHELIAL -> {
                elongation = random.nextDouble(1.0, 1.7);
                angle = random.nextDouble(Math.PI);
                wobble = 0.04;
                hematoxylin = random.nextDouble(1.2, 1.9);
                chromatin = random.nextDouble(0.5, 0.9);
                rim = random.nextDouble(0.3, 0.6);
            }
            case LYMPHOCYTE -> {
                elongation = random.nextDouble(1.0, 1.2);
                angle = random.nextDouble(Math.PI);
                wobble = 0.02;
                hematoxylin = random.nextDouble(1.9, 2.5);
                chromatin = random.nextDouble(0.15, 0.3);
                rim = 0.1;
            }
            default -> {
                elongation = random.nextDouble(2.2, MAX_ELONGATION);
                angle = tissue.fibreDirection(x, y) + random.nextDouble(-0.25, 0.25);
                wobble = 0.03;
                hematoxylin = random.nextDouble(1.5, 2.1);
                chromatin = random.nextDouble(0.2, 0.35);
                rim = 0.15;
            }
        }
        double[] harmonics = new double[6];
        for (int k = 0; k < harmonics.length; k++) {
            harmonics[k] = random.nextDouble(-wobble, wobble);
        }
        double a = radius * Math.sqrt(elongation);
        double b = radius / Math.sqrt(elongation);
        boolean nucleolus = kind == Kind.EPITHELIAL && random.nextDouble() < 0.35;
        double offsetAngle = random.nextDouble(2 * Math.PI);
        double offset = random.nextDouble(0, 0.4 * b);
        return new Nucleus(x, y, a, b, angle, harmonics, hematoxylin, kind == Kind.LYMPHOCYTE ? 0.12 : 0.28,
                chromatin, rim, random.nextLong(), x + offset * Math.cos(offsetAngle), y + offset * Math.sin(offsetAngle),
                nucleolus ? random.nextDouble(1.2, 2.2) : 0, random.nextDouble());
    }

    /** Knuth's method; means here are small (a few per cell). */
    private static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
