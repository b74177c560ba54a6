package org.histoprune.data;

import java.util.List;
import org.histoprune.image.FloatMap;
import org.histoprune.image.GaussianFilter;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/**
 * H&E-like tissue with exact nucleus labels, as an infinite plane fixed by a seed: pink eosin stroma with fibres
 * and clefts, lilac cellular areas, purple nuclei of varied size, shape and chromatin (lymphocytes, epithelial
 * and spindle-shaped fibroblast nuclei), clusters of touching and overlapping nuclei, one stain style and blur
 * per seed. Any region can be rendered on its own and equals the same pixels cut from a larger render, so a
 * huge virtual slide is written tile by tile. Where nuclei overlap, the upper one owns the shared pixels.
 */
public final class SyntheticHistology {
    private final HistologySettings settings;
    private final long seed;
    private final StainStyle style;
    private final TissueField tissue;
    private final NucleusField nuclei;

    public SyntheticHistology(HistologySettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.style = StainStyle.draw(seed);
        this.tissue = new TissueField(seed, settings.tissueFraction());
        this.nuclei = new NucleusField(settings, seed, tissue);
    }

    /** One tile: the region {@code (0, 0, width, height)} of the plane of {@code seed}. */
    public static SyntheticTile tile(HistologySettings settings, long seed, int width, int height) {
        return new SyntheticHistology(settings, seed).render(0, 0, width, height);
    }

    public HistologySettings settings() {
        return settings;
    }

    public long seed() {
        return seed;
    }

    /** The image of a region, without labels (a {@code RegionSource} for slide writers). */
    public RgbImage image(int x, int y, int width, int height) {
        return render(x, y, width, height).image();
    }

    /** The pixels and labels of {@code width x height} px whose top-left corner is at (x, y) on the plane. */
    public SyntheticTile render(int x, int y, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region size must be positive, got " + width + "x" + height);
        }
        // Blur spreads light, so render a margin around the region that the crop then drops.
        int margin = (int) (4 * style.blurSigma() + 0.5) + 1;
        int x0 = x - margin;
        int y0 = y - margin;
        int w = width + 2 * margin;
        int h = height + 2 * margin;
        float[] hematoxylin = new float[w * h];
        float[] eosin = new float[w * h];
        int[] labels = new int[w * h];
        tissue.paint(x0, y0, w, h, hematoxylin, eosin);
        paintNuclei(x0, y0, w, h, hematoxylin, eosin, labels);
        RgbImage image = toRgb(x0, y0, w, h, hematoxylin, eosin, margin, width, height);
        return new SyntheticTile(image, cropAndNumber(labels, w, margin, width, height));
    }

    /** The nuclei that touch the region, lowest first (for tests and callers that need the objects). */
    List<Nucleus> nuclei(int x, int y, int width, int height) {
        return nuclei.within(x, y, x + width, y + height);
    }

    /**
     * Nuclei from the lowest up, each blended over a one-pixel soft edge; hematoxylin of a nucleus below shows
     * through an overlap a little, as stacked nuclei absorb more light.
     */
    private void paintNuclei(int x0, int y0, int w, int h, float[] hematoxylin, float[] eosin, int[] labels) {
        List<Nucleus> list = nuclei.within(x0, y0, x0 + w, y0 + h);
        for (int id = 1; id <= list.size(); id++) {
            Nucleus nucleus = list.get(id - 1);
            double extent = nucleus.extent();
            int left = Math.max(0, (int) Math.floor(nucleus.x() - extent) - x0);
            int right = Math.min(w - 1, (int) Math.ceil(nucleus.x() + extent) - x0);
            int top = Math.max(0, (int) Math.floor(nucleus.y() - extent) - y0);
            int bottom = Math.min(h - 1, (int) Math.ceil(nucleus.y() + extent) - y0);
            double drift = tissue.drift(nucleus.x(), nucleus.y());
            for (int j = top; j <= bottom; j++) {
                for (int i = left; i <= right; i++) {
                    double px = x0 + i + 0.5;
                    double py = y0 + j + 0.5;
                    double margin = nucleus.margin(px, py);
                    double alpha = Math.min(1, margin + 0.5);
                    if (alpha <= 0) {
                        continue;
                    }
                    int k = j * w + i;
                    double below = labels[k] != 0 ? 0.3 * hematoxylin[k] : 0;
                    double amount = drift * nucleus.hematoxylinAt(px, py, margin) + below;
                    hematoxylin[k] = (float) (hematoxylin[k] + alpha * (amount - hematoxylin[k]));
                    eosin[k] = (float) (eosin[k] + alpha * (nucleus.eosin() - eosin[k]));
                    if (margin > 0) {
                        labels[k] = id;
                    }
                }
            }
        }
    }

    private RgbImage toRgb(int x0, int y0, int w, int h, float[] hematoxylin, float[] eosin, int margin, int width,
            int height) {
        float[][] channels = new float[3][w * h];
        for (int k = 0; k < w * h; k++) {
            for (int c = 0; c < 3; c++) {
                channels[c][k] = style.intensity(c, hematoxylin[k], eosin[k]);
            }
        }
        for (int c = 0; c < 3; c++) {
            channels[c] = GaussianFilter.smooth(new FloatMap(w, h, channels[c]), style.blurSigma()).values();
        }
        int[] rgb = new int[width * height];
        long noiseSeed = Noise.mix(seed ^ 0x0015_E000L);
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                int k = (j + margin) * w + i + margin;
                // Mostly shared across channels (luminance grain), which JPEG keeps cheaply.
                double grain = settings.noise() * 2 * (Noise.unit(noiseSeed, x0 + margin + i, y0 + margin + j) - 0.5);
                rgb[j * width + i] = RgbImage.pack(channel(channels[0][k], grain), channel(channels[1][k], grain),
                        channel(channels[2][k], grain));
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static int channel(float value, double grain) {
        return (int) Math.max(0, Math.min(255, Math.round(value + grain)));
    }

    /** The region without its margin, ids renumbered 1..N in raster order of first appearance. */
    private static LabelImage cropAndNumber(int[] labels, int w, int margin, int width, int height) {
        int[] out = new int[width * height];
        java.util.Map<Integer, Integer> numbers = new java.util.HashMap<>();
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                int label = labels[(j + margin) * w + i + margin];
                if (label != 0) {
                    out[j * width + i] = numbers.computeIfAbsent(label, key -> numbers.size() + 1);
                }
            }
        }
        return new LabelImage(width, height, out);
    }
}
