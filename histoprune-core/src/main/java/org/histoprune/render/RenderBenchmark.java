package org.histoprune.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.SlideReader;

/**
 * Frame times of the viewer's renderer, headless: a 1000x1000 view at downsample 2 over a two-level slide
 * with 10,000 outlined nuclei. "cold" frames rasterise every overlay tile anew (first view, every zoom step);
 * "pan" frames move the view by 37 px each, as a drag does, so most overlay tiles come from the cache.
 */
public final class RenderBenchmark {
    /** Milliseconds per frame. */
    public record Timing(double mean, double p50, double p95, double max) {
        static Timing of(double[] millis) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Timing(Arrays.stream(sorted).average().orElse(0), percentile(sorted, 0.5),
                    percentile(sorted, 0.95), sorted[sorted.length - 1]);
        }

        private static double percentile(double[] sorted, double fraction) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
        }
    }

    /** Wall-clock and CPU time per frame; on a shared machine the CPU time is the steadier figure. */
    public record Result(int viewWidth, int viewHeight, double downsample, int nuclei, int frames, Timing cold,
            Timing coldCpu, Timing pan, Timing panCpu) {
    }

    static final int VIEW = 1000;
    static final double DOWNSAMPLE = 2;
    private static final int IMAGE = 2000;
    private static final int SPACING = 20;

    private RenderBenchmark() {
    }

    public static Result run(int frames) throws IOException {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be positive, got " + frames);
        }
        LabelImage nuclei = nuclei();
        InstanceLayer layer = new InstanceLayer("Prediction", 0, 0, nuclei, 0xFFCC00);
        SlideTiles tiles = new SlideTiles(new StromaSlide(), 64L << 20, Runnable::run, () -> { }, e -> { });
        SlideImage slide = new SlideImage(tiles, SlideImage.readThumbnail(tiles.reader(), SlideImage.THUMBNAIL_SIZE));
        ViewRenderer renderer = new ViewRenderer();
        BufferedImage frame = new BufferedImage(VIEW, VIEW, BufferedImage.TYPE_INT_ARGB_PRE);
        ViewTransform view = ViewTransform.centredOn(IMAGE / 2.0, IMAGE / 2.0, DOWNSAMPLE, VIEW, VIEW);
        for (TileKey key : slide.painter().levelTiles(view.withDownsample(DOWNSAMPLE * 1.2))) {
            tiles.readNow(key);
        }
        double[][] cold = new double[2][frames];
        double[][] pan = new double[2][frames];
        ImageCache<InstanceOverlay.Key> cache = InstanceOverlay.newCache();
        RenderState state = new RenderState(slide, List.of(new InstanceOverlay(layer, OverlayStyle.defaults(), cache)));
        for (int i = -frames / 4; i < frames; i++) {
            cache.clear();
            slide.painter().clearCache();
            time(renderer, frame, view, state, cold, i);
        }
        ViewTransform panned = view;
        for (int i = 0; i < frames; i++) {
            panned = panned.panByScreen(i % 20 < 10 ? 37 : -37, i % 40 < 20 ? 11 : -11);
            time(renderer, frame, panned, state, pan, i);
        }
        return new Result(VIEW, VIEW, DOWNSAMPLE, layer.count(), frames, Timing.of(cold[0]), Timing.of(cold[1]),
                Timing.of(pan[0]), Timing.of(pan[1]));
    }

    /** Renders one frame; stores wall and CPU milliseconds at {@code index} unless it is a warm-up (< 0). */
    private static void time(ViewRenderer renderer, BufferedImage frame, ViewTransform view, RenderState state,
            double[][] millis, int index) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Graphics2D g = frame.createGraphics();
        try {
            renderer.render(g, view, state);
        } finally {
            g.dispose();
        }
        if (index >= 0) {
            millis[0][index] = (System.nanoTime() - start) / 1e6;
            millis[1][index] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
    }

    /** 100 x 100 nuclei of radius 5 to 8 on a jittered grid. */
    private static LabelImage nuclei() {
        LabelImage labels = new LabelImage(IMAGE, IMAGE);
        Random random = new Random(7);
        int id = 0;
        for (int row = 0; row < IMAGE / SPACING; row++) {
            for (int column = 0; column < IMAGE / SPACING; column++) {
                int cx = column * SPACING + SPACING / 2 + random.nextInt(5) - 2;
                int cy = row * SPACING + SPACING / 2 + random.nextInt(5) - 2;
                int radius = 5 + random.nextInt(4);
                id++;
                for (int y = cy - radius; y <= cy + radius; y++) {
                    for (int x = cx - radius; x <= cx + radius; x++) {
                        int dx = x - cx;
                        int dy = y - cy;
                        if (dx * dx + dy * dy <= radius * radius && x >= 0 && y >= 0 && x < IMAGE && y < IMAGE) {
                            labels.labels()[y * IMAGE + x] = id;
                        }
                    }
                }
            }
        }
        return labels;
    }

    /** A two-level slide of noisy pink, enough to make the tile drawing real work. */
    private static final class StromaSlide implements SlideReader {
        private final List<Level> levels = List.of(new Level(IMAGE, IMAGE, 1), new Level(IMAGE / 2, IMAGE / 2, 2));

        @Override
        public Path path() {
            return Path.of("bench-slide");
        }

        @Override
        public List<Level> levels() {
            return levels;
        }

        @Override
        public OptionalDouble micronsPerPixel() {
            return OptionalDouble.of(0.25);
        }

        @Override
        public RgbImage readRegion(int level, int x, int y, int width, int height) {
            RgbImage region = new RgbImage(width, height);
            for (int j = 0; j < height; j++) {
                for (int i = 0; i < width; i++) {
                    int noise = ((x + i) * 31 + (y + j) * 17) % 23;
                    region.rgb()[j * width + i] = RgbImage.pack(225 + noise, 170 + noise, 200 + noise);
                }
            }
            return region;
        }

        @Override
        public void close() {
        }
    }
}
