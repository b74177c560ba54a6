package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.histoprune.data.HistologySettings;
import org.histoprune.data.SyntheticHistology;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.Nucleus;
import org.histoprune.io.SlideReader;
import org.histoprune.segment.InstanceParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Block-wise segmentation of a generated slide with the bundled model, against one whole-image run. */
class SlideSegmenterTest {
    private static final int SIZE = 768;
    private static final int BORDER = 32;
    private static final InstanceParameters PARAMETERS = InstanceParameters.defaults().withFixedSigma(2.0);
    private static NucleiModel model;
    private static ImageSlide slide;

    @BeforeAll
    static void loadModel() throws Exception {
        model = NucleiModel.loadBundled().orElse(null);
        slide = new ImageSlide(new SyntheticHistology(HistologySettings.defaults(), 3).image(0, 0, SIZE, SIZE));
    }

    @AfterAll
    static void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    /** Labels and nuclei of one run, the cores pasted together. */
    private record Result(LabelImage labels, List<Nucleus> nuclei, int blocks) {
    }

    private static Result run(SlideSegmenter.Blocks blocks) throws Exception {
        Assumptions.assumeTrue(model != null, "this build has no bundled model: skipped");
        LabelImage labels = new LabelImage(SIZE, SIZE);
        List<Nucleus> nuclei = new ArrayList<>();
        int[] calls = new int[1];
        SlideSegmenter segmenter = new SlideSegmenter(model, PARAMETERS, blocks, TilingOptions.defaults());
        int count = segmenter.run(slide, new SlideSegmenter.Region(0, 0, 0, SIZE, SIZE), (core, done, total) -> {
            calls[0]++;
            for (int row = 0; row < core.labels().height(); row++) {
                System.arraycopy(core.labels().labels(), row * core.labels().width(), labels.labels(),
                        (core.y() + row) * SIZE + core.x(), core.labels().width());
            }
            nuclei.addAll(core.nuclei());
        }, () -> false);
        assertEquals(count, nuclei.size());
        return new Result(labels, nuclei, calls[0]);
    }

    @Test
    void blockwiseRunEqualsTheWholeImageRunAwayFromTheBorder() throws Exception {
        Result whole = run(new SlideSegmenter.Blocks(1024, 0));
        Result blocks = run(new SlideSegmenter.Blocks(256, 96));
        assertEquals(1, whole.blocks());
        assertEquals(9, blocks.blocks());
        assertTrue(whole.nuclei().size() > 100, "the generated slide has nuclei: " + whole.nuclei().size());

        // every nucleus once, under one id, and the raster holds exactly the emitted ids
        Set<Integer> ids = new HashSet<>();
        blocks.nuclei().forEach(n -> assertTrue(ids.add(n.label()), "duplicate id " + n.label()));
        Set<Integer> inRaster = new HashSet<>();
        Arrays.stream(blocks.labels().labels()).filter(id -> id != 0).forEach(inRaster::add);
        assertEquals(ids, inRaster);

        List<Nucleus> interior = interior(whole.nuclei());
        List<Nucleus> interiorBlocks = interior(blocks.nuclei());
        assertEquals(interior.size(), interiorBlocks.size(), 0.01 * interior.size() + 1, "nuclei away from the border");
        Map<Integer, Integer> area = areas(blocks.labels());
        int matched = 0;
        for (Nucleus n : interior) {
            if (bestIou(whole.labels(), n.label(), blocks.labels(), area) >= 0.8) {
                matched++;
            }
        }
        assertTrue(matched >= 0.97 * interior.size(), matched + " of " + interior.size() + " nuclei matched");
    }

    @Test
    void blocksSegmentedOnTheirOwnGiveTheRunsNucleiAndIds() throws Exception {
        Assumptions.assumeTrue(model != null, "this build has no bundled model: skipped");
        InstanceParameters derived = InstanceParameters.defaults();
        SlideSegmenter segmenter = new SlideSegmenter(model, derived, new SlideSegmenter.Blocks(256, 64),
                TilingOptions.defaults());
        SlideSegmenter.Region region = new SlideSegmenter.Region(0, 0, 0, 640, 512);
        List<Nucleus> sequential = new ArrayList<>();
        segmenter.run(slide, region, (core, done, total) -> sequential.addAll(core.nuclei()), () -> false);

        SlideSegmenter.SharedSigma sigma = segmenter.sharedSigma(slide, region);
        assertEquals(0, sigma.fromBlock(), "the first block has nuclei");
        List<Nucleus> independent = new ArrayList<>();
        for (int index = segmenter.blockCount(region) - 1; index >= 0; index--) { // any order
            independent.addAll(0, segmenter.blockNuclei(slide, region, index, sigma));
        }
        assertTrue(sequential.size() > 50, "nuclei: " + sequential.size());
        assertEquals(sequential.size(), independent.size());
        int offset = 0;
        int previousBlockEnd = 0;
        for (int i = 0; i < sequential.size(); i++) {
            Nucleus local = independent.get(i);
            if (local.label() == 1) {
                offset = previousBlockEnd;
            }
            previousBlockEnd = offset + local.label();
            assertEquals(sequential.get(i).label(), offset + local.label());
            assertEquals(sequential.get(i).centroidX(), local.centroidX(), 1e-9);
            assertEquals(sequential.get(i).areaPixels(), local.areaPixels());
        }
    }

    @Test
    void cancellingStopsBeforeTheNextTile() {
        Assumptions.assumeTrue(model != null, "this build has no bundled model: skipped");
        SlideSegmenter segmenter = new SlideSegmenter(model, PARAMETERS, new SlideSegmenter.Blocks(256, 32),
                TilingOptions.defaults());
        int[] blocks = new int[1];
        org.junit.jupiter.api.Assertions.assertThrows(CancellationException.class, () -> segmenter.run(slide,
                new SlideSegmenter.Region(0, 0, 0, 512, 512), (core, done, total) -> blocks[0]++, () -> blocks[0] >= 1));
        assertEquals(1, blocks[0]);
    }

    private static List<Nucleus> interior(List<Nucleus> nuclei) {
        return nuclei.stream().filter(n -> n.centroidX() > BORDER && n.centroidY() > BORDER
                && n.centroidX() < SIZE - BORDER && n.centroidY() < SIZE - BORDER).toList();
    }

    private static Map<Integer, Integer> areas(LabelImage labels) {
        Map<Integer, Integer> area = new HashMap<>();
        for (int id : labels.labels()) {
            area.merge(id, 1, Integer::sum);
        }
        return area;
    }

    /** IoU of nucleus {@code id} of {@code a} with the {@code b} nucleus it overlaps most. */
    private static double bestIou(LabelImage a, int id, LabelImage b, Map<Integer, Integer> areaB) {
        Map<Integer, Integer> overlap = new HashMap<>();
        int areaA = 0;
        for (int i = 0; i < a.labels().length; i++) {
            if (a.labels()[i] == id) {
                areaA++;
                if (b.labels()[i] != 0) {
                    overlap.merge(b.labels()[i], 1, Integer::sum);
                }
            }
        }
        double best = 0;
        for (var e : overlap.entrySet()) {
            best = Math.max(best, e.getValue() / (double) (areaA + areaB.get(e.getKey()) - e.getValue()));
        }
        return best;
    }

    /** An in-memory single-level slide, white outside. */
    private record ImageSlide(RgbImage image) implements SlideReader {
        @Override
        public Path path() {
            return Path.of("generated.tif");
        }

        @Override
        public List<Level> levels() {
            return List.of(new Level(image.width(), image.height(), 1));
        }

        @Override
        public OptionalDouble micronsPerPixel() {
            return OptionalDouble.of(0.25);
        }

        @Override
        public RgbImage readRegion(int level, int x, int y, int width, int height) {
            int[] out = new int[width * height];
            Arrays.fill(out, 0xFFFFFF);
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    int sx = x + col;
                    int sy = y + row;
                    if (sx >= 0 && sy >= 0 && sx < image.width() && sy < image.height()) {
                        out[row * width + col] = image.rgb()[sy * image.width() + sx];
                    }
                }
            }
            return new RgbImage(width, height, out);
        }

        @Override
        public void close() {
        }
    }
}
