package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;

class NucleusMeasurementsTest {
    @Test
    void discIsRoundAndCentred() {
        LabelImage labels = new LabelImage(60, 60);
        int area = paintDisc(labels, 30, 25, 15, 4);
        Nucleus disc = only(NucleusMeasurements.measure(labels, white(60, 60), OptionalDouble.of(0.25)));
        System.out.printf("disc r=15: area %d, perimeter %.2f, circularity %.4f, eccentricity %.4f, solidity %.4f%n",
                disc.areaPixels(), disc.perimeter(), disc.circularity(), disc.eccentricity(), disc.solidity());
        assertEquals(4, disc.label());
        assertEquals(area, disc.areaPixels());
        assertEquals(area * 0.0625, disc.areaMicrons2(), 1e-9);
        assertEquals(30.5, disc.centroidX(), 1e-9);
        assertEquals(25.5, disc.centroidY(), 1e-9);
        double radius = Math.sqrt(area / Math.PI);
        assertEquals(2 * Math.PI * radius, disc.perimeter(), 0.03 * 2 * Math.PI * radius);
        assertEquals(1.0, disc.circularity(), 0.05);
        assertEquals(0.0, disc.eccentricity(), 0.05);
        assertTrue(disc.solidity() > 0.97 && disc.solidity() <= 1.0, "solidity " + disc.solidity());
    }

    @Test
    void rectangleHasExactAreaAndPerimeter() {
        LabelImage labels = new LabelImage(40, 30);
        for (int y = 5; y < 15; y++) {
            for (int x = 3; x < 33; x++) {
                labels.labels()[y * 40 + x] = 2;
            }
        }
        Nucleus box = only(NucleusMeasurements.measure(labels, white(40, 30), OptionalDouble.empty()));
        assertEquals(300, box.areaPixels());
        assertTrue(Double.isNaN(box.areaMicrons2()));
        // The outline runs through the middles of the boundary pixel edges, so corners are slightly cut.
        assertEquals(2 * (30 + 10), box.perimeter(), 2.0);
        assertEquals(4 * Math.PI * 300 / (box.perimeter() * box.perimeter()), box.circularity(), 1e-9);
        assertEquals(299.5, box.outline().getArea(), 1e-9);
        assertEquals(18.0, box.centroidX(), 1e-9);
        assertEquals(10.0, box.centroidY(), 1e-9);
        // Second moments of a 30 x 10 box: variances 900/12 and 100/12, so e = sqrt(1 - 100/900).
        assertEquals(Math.sqrt(1 - 100.0 / 900.0), box.eccentricity(), 1e-9);
        assertEquals(1.0, box.solidity(), 1e-9);
    }

    @Test
    void hematoxylinDominatesInPurpleAndEosinInPink() {
        LabelImage labels = new LabelImage(4, 1, new int[] {1, 1, 2, 2});
        int purple = RgbImage.pack(80, 40, 140);
        int pink = RgbImage.pack(240, 150, 200);
        RgbImage image = new RgbImage(4, 1, new int[] {purple, purple, pink, pink});
        List<Nucleus> nuclei = NucleusMeasurements.measure(labels, image, OptionalDouble.empty());
        Nucleus nucleus = nuclei.get(0);
        Nucleus stroma = nuclei.get(1);
        assertTrue(nucleus.hematoxylin() > stroma.hematoxylin(), nucleus + " vs " + stroma);
        assertTrue(stroma.eosin() > 0 && stroma.eosin() > stroma.hematoxylin(), stroma.toString());
        assertEquals(ColourDeconvolution.hematoxylin(purple), nucleus.hematoxylin(), 1e-12);
    }

    @Test
    void deconvolutionRecoversPureStains() {
        // A pixel stained by 0.5 OD of hematoxylin only: intensity = 255 * 10^(-0.5 * unit vector).
        double[] h = {0.65, 0.70, 0.29};
        double norm = Math.sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
        int[] channel = new int[3];
        for (int c = 0; c < 3; c++) {
            channel[c] = (int) Math.round(255 * Math.pow(10, -0.5 * h[c] / norm));
        }
        int rgb = RgbImage.pack(channel[0], channel[1], channel[2]);
        assertEquals(0.5, ColourDeconvolution.hematoxylin(rgb), 0.02);
        assertEquals(0.0, ColourDeconvolution.eosin(rgb), 0.02);
        assertEquals(0.0, ColourDeconvolution.hematoxylin(0xFFFFFF), 1e-12);
    }

    static int paintDisc(LabelImage labels, int cx, int cy, double radius, int label) {
        int count = 0;
        for (int y = 0; y < labels.height(); y++) {
            for (int x = 0; x < labels.width(); x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    labels.labels()[y * labels.width() + x] = label;
                    count++;
                }
            }
        }
        return count;
    }

    static RgbImage white(int width, int height) {
        RgbImage image = new RgbImage(width, height);
        Arrays.fill(image.rgb(), 0xFFFFFF);
        return image;
    }

    private static Nucleus only(List<Nucleus> nuclei) {
        assertEquals(1, nuclei.size());
        return nuclei.get(0);
    }
}
