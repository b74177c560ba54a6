package org.histoprune.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.locationtech.jts.geom.Geometry;

/** Shape and stain measurements of every instance of a label image, shared by the GeoJSON and CSV exports. */
public final class NucleusMeasurements {
    private NucleusMeasurements() {
    }

    /**
     * Perimeter and solidity are measured on the outline simplified by one pixel: the corner-cut outline still
     * zigzags where the boundary slopes, so a disc's circularity would read ~0.86 and its solidity ~0.97.
     */
    static final double SHAPE_TOLERANCE = 1.0;

    /**
     * One {@link Nucleus} per label present, in increasing label order. Area, centroid, eccentricity and stain
     * come from the pixels; perimeter and solidity from the {@link NucleusOutlines outline}, simplified.
     */
    public static List<Nucleus> measure(LabelImage labels, RgbImage image, OptionalDouble micronsPerPixel) {
        if (!labels.sameSizeAs(image.width(), image.height())) {
            throw new IllegalArgumentException("labels are " + labels.width() + "x" + labels.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
        Map<Integer, Moments> moments = pixelMoments(labels, image);
        double pixelArea = micronsPerPixel.isPresent() ? micronsPerPixel.getAsDouble() * micronsPerPixel.getAsDouble()
                : Double.NaN;
        List<Nucleus> nuclei = new ArrayList<>();
        NucleusOutlines.trace(labels).forEach((label, outline) -> {
            Moments m = moments.get(label);
            Geometry smooth = NucleusOutlines.simplify(outline, SHAPE_TOLERANCE);
            double perimeter = smooth.getLength();
            nuclei.add(new Nucleus(label, outline, m.meanX() + 0.5, m.meanY() + 0.5, m.count, m.count * pixelArea,
                    perimeter, 4 * Math.PI * m.count / (perimeter * perimeter), m.eccentricity(),
                    smooth.getArea() / smooth.convexHull().getArea(), m.hematoxylin / m.count, m.eosin / m.count));
        });
        return nuclei;
    }

    private static Map<Integer, Moments> pixelMoments(LabelImage labels, RgbImage image) {
        Map<Integer, Moments> moments = new HashMap<>();
        int width = labels.width();
        int[] ids = labels.labels();
        int[] rgb = image.rgb();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                moments.computeIfAbsent(ids[i], k -> new Moments()).add(i % width, i / width, rgb[i]);
            }
        }
        return moments;
    }

    /** Running sums of one instance's pixels. */
    private static final class Moments {
        int count;
        double sumX;
        double sumY;
        double sumXX;
        double sumYY;
        double sumXY;
        double hematoxylin;
        double eosin;

        void add(int x, int y, int rgb) {
            count++;
            sumX += x;
            sumY += y;
            sumXX += (double) x * x;
            sumYY += (double) y * y;
            sumXY += (double) x * y;
            hematoxylin += ColourDeconvolution.hematoxylin(rgb);
            eosin += ColourDeconvolution.eosin(rgb);
        }

        double meanX() {
            return sumX / count;
        }

        double meanY() {
            return sumY / count;
        }

        /** From the covariance of the pixel squares (each adds 1/12 of variance per axis), as regionprops does. */
        double eccentricity() {
            double xx = sumXX / count - meanX() * meanX() + 1.0 / 12;
            double yy = sumYY / count - meanY() * meanY() + 1.0 / 12;
            double xy = sumXY / count - meanX() * meanY();
            double spread = Math.sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
            double major = (xx + yy) / 2 + spread;
            double minor = (xx + yy) / 2 - spread;
            return Math.sqrt(Math.max(0, 1 - minor / major));
        }
    }
}
