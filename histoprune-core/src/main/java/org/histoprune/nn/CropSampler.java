package org.histoprune.nn;

import java.util.Random;
import org.histoprune.image.FloatMap;
import org.histoprune.image.RgbImage;

/**
 * Cuts a random training crop through one projective map from crop to image pixels, which covers the
 * geometric augmentations at once: flips and transposes (the 8 symmetries of the square), scale
 * (0.8..1.25), shift (the crop centre) and a mild perspective. Pixels and targets are sampled bilinearly,
 * mirrored at the image border. Colour augmentation then works on the crop (see {@link ColourJitter}).
 */
final class CropSampler {
    private static final double MAX_SCALE = 1.25;
    private static final double PERSPECTIVE = 0.25;

    private CropSampler() {
    }

    /**
     * Writes a crop of {@code size}x{@code size}: image planes (3 floats per pixel, see {@link Tensors}) at
     * {@code imageOffset}, foreground and distance at {@code targetOffset}.
     */
    static void sample(TrainingSample sample, Random random, int size, boolean augment, float[] image, int imageOffset,
            float[] foreground, float[] distance, int targetOffset) {
        RgbImage source = sample.image();
        double scale = augment ? Math.exp((random.nextDouble() * 2 - 1) * Math.log(MAX_SCALE)) : 1;
        int symmetry = augment ? random.nextInt(8) : 0;
        double px = augment ? (random.nextDouble() * 2 - 1) * PERSPECTIVE / size : 0;
        double py = augment ? (random.nextDouble() * 2 - 1) * PERSPECTIVE / size : 0;
        double half = size * scale / 2;
        double cx = centre(random, source.width(), half);
        double cy = centre(random, source.height(), half);
        int[] rgb = new int[size * size];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                double x = u + 0.5 - size / 2.0;
                double y = v + 0.5 - size / 2.0;
                if ((symmetry & 1) != 0) {
                    x = -x;
                }
                if ((symmetry & 2) != 0) {
                    y = -y;
                }
                if ((symmetry & 4) != 0) {
                    double t = x;
                    x = y;
                    y = t;
                }
                double w = 1 + px * x + py * y;
                double sx = cx + scale * x / w - 0.5;
                double sy = cy + scale * y / w - 0.5;
                int i = v * size + u;
                rgb[i] = bilinearRgb(source, sx, sy);
                foreground[targetOffset + i] = bilinear(sample.foreground(), sx, sy);
                distance[targetOffset + i] = bilinear(sample.distance(), sx, sy);
            }
        }
        RgbImage crop = new RgbImage(size, size, rgb);
        if (augment) {
            crop = ColourJitter.apply(crop, random);
        }
        Tensors.putImage(crop, image, imageOffset);
    }

    /** A crop centre keeping the crop inside the image when it fits. */
    private static double centre(Random random, int extent, double half) {
        double low = half;
        double high = extent - half;
        return high > low ? low + random.nextDouble() * (high - low) : extent / 2.0;
    }

    private static float bilinear(FloatMap map, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int w = map.width();
        int h = map.height();
        float[] v = map.values();
        int ax = mirror(x0, w);
        int bx = mirror(x0 + 1, w);
        int ay = mirror(y0, h);
        int by = mirror(y0 + 1, h);
        float top = v[ay * w + ax] * (1 - fx) + v[ay * w + bx] * fx;
        float bottom = v[by * w + ax] * (1 - fx) + v[by * w + bx] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static int bilinearRgb(RgbImage image, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        int w = image.width();
        int h = image.height();
        int[] rgb = image.rgb();
        int a = rgb[mirror(y0, h) * w + mirror(x0, w)];
        int b = rgb[mirror(y0, h) * w + mirror(x0 + 1, w)];
        int c = rgb[mirror(y0 + 1, h) * w + mirror(x0, w)];
        int d = rgb[mirror(y0 + 1, h) * w + mirror(x0 + 1, w)];
        int packed = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((a >> shift) & 0xFF) * (1 - fx) + ((b >> shift) & 0xFF) * fx;
            double bottom = ((c >> shift) & 0xFF) * (1 - fx) + ((d >> shift) & 0xFF) * fx;
            packed |= ((int) Math.round(top * (1 - fy) + bottom * fy) & 0xFF) << shift;
        }
        return packed;
    }

    private static int mirror(int i, int size) {
        if (i < 0) {
            i = -i - 1;
        }
        if (i >= size) {
            i = 2 * size - i - 1;
        }
        return Math.max(0, Math.min(size - 1, i));
    }
}
