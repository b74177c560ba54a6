package org.histoprune.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.cli.BlockOptions;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.Nucleus;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.SlideSegmenter;
import org.locationtech.jts.io.WKTWriter;

/**
 * The two kinds of task of a cohort segmentation, run on executors: plan a slide (open it, count its blocks, find
 * the merge step's shared sigma), then segment one block of it. A slide that cannot be read or segmented comes
 * back with its reason instead of failing the job; a lost executor is not an exception here, Spark re-runs it.
 */
final class SlideTasks {
    /** A slide's region, blocks and shared sigma; {@code error} non-null when the slide cannot be segmented. */
    record Plan(SlideList.Entry entry, int level, int x, int y, int width, int height, int blocks, int sigmaFrom,
            double sigma, String error) implements Serializable {
        boolean ok() {
            return error == null;
        }

        SlideSegmenter.Region region() {
            return new SlideSegmenter.Region(level, x, y, width, height);
        }

        static Plan failed(SlideList.Entry entry, int level, String error) {
            return new Plan(entry, level, 0, 0, 1, 1, 0, 0, Double.NaN, error);
        }
    }

    /** One nucleus, with its id inside its block (1..n in the order the sequential run numbers them). */
    record NucleusRow(int localId, double centroidX, double centroidY, int areaPixels, double areaMicrons2,
            double perimeter, double circularity, double eccentricity, double solidity, double hematoxylin,
            double eosin, String polygonWkt) implements Serializable {
    }

    /** What one block task returns: its nuclei, or why the block failed. */
    record BlockResult(String slide, int block, List<NucleusRow> nuclei, String error) implements Serializable {
    }

    private SlideTasks() {
    }

    static Plan plan(SegmentSettings settings, SlideList.Entry entry) {
        try (SlideReader slide = SlideReaderRegistry.withInstalledReaders().open(Path.of(entry.path()))) {
            if (settings.level() >= slide.levels().size()) {
                return Plan.failed(entry, settings.level(), "has " + slide.levels().size() + " levels; level "
                        + settings.level() + " does not exist");
            }
            SlideReader.Level size = slide.levels().get(settings.level());
            int[] r = entry.region() != null ? entry.region() : new int[] {0, 0, size.width(), size.height()};
            if ((long) r[0] + r[2] > size.width() || (long) r[1] + r[3] > size.height()) {
                return Plan.failed(entry, settings.level(), "region " + r[0] + "," + r[1] + "," + r[2] + "," + r[3]
                        + " is not inside level " + settings.level() + " (" + size.width() + "x" + size.height() + ")");
            }
            BlockOptions.checkRegionSize(Path.of(entry.path()), r[2], r[3]);
            SlideSegmenter.Region region = new SlideSegmenter.Region(settings.level(), r[0], r[1], r[2], r[3]);
            SlideSegmenter segmenter = settings.segmenter(ExecutorModels.get(settings.modelFile()));
            SlideSegmenter.SharedSigma sigma = segmenter.sharedSigma(slide, region);
            return new Plan(entry, settings.level(), r[0], r[1], r[2], r[3], segmenter.blockCount(region),
                    sigma.fromBlock(), sigma.sigma(), null);
        } catch (Exception e) {
            return Plan.failed(entry, settings.level(), reason(e));
        }
    }

    static BlockResult block(SegmentSettings settings, Plan plan, int block) {
        String name = plan.entry().name();
        try (SlideReader slide = SlideReaderRegistry.withInstalledReaders().open(Path.of(plan.entry().path()))) {
            SlideSegmenter segmenter = settings.segmenter(ExecutorModels.get(settings.modelFile()));
            List<Nucleus> nuclei = segmenter.blockNuclei(slide, plan.region(), block,
                    new SlideSegmenter.SharedSigma(plan.sigmaFrom(), plan.sigma()));
            WKTWriter wkt = new WKTWriter();
            List<NucleusRow> rows = new ArrayList<>(nuclei.size());
            for (Nucleus n : nuclei) {
                rows.add(new NucleusRow(n.label(), n.centroidX(), n.centroidY(), n.areaPixels(), n.areaMicrons2(),
                        n.perimeter(), n.circularity(), n.eccentricity(), n.solidity(), n.hematoxylin(), n.eosin(),
                        wkt.write(n.outline())));
            }
            return new BlockResult(name, block, rows, null);
        } catch (Exception e) {
            return new BlockResult(name, block, List.of(), reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof InvalidInputException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
