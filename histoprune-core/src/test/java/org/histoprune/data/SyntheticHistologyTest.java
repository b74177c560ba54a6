package org.histoprune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;

class SyntheticHistologyTest {
    private static final HistologySettings DEFAULTS = HistologySettings.defaults();
    private static final int SIZE = 256;

    @Test
    void sameSeedGivesIdenticalPixelsAndLabels() {
        SyntheticTile first = SyntheticHistology.tile(DEFAULTS, 42, SIZE, SIZE);
        SyntheticTile second = SyntheticHistology.tile(DEFAULTS, 42, SIZE, SIZE);
        assertArrayEquals(first.image().rgb(), second.image().rgb());
        assertArrayEquals(first.labels().labels(), second.labels().labels());
        SyntheticTile other = SyntheticHistology.tile(DEFAULTS, 43, SIZE, SIZE);
        assertFalse(Arrays.equals(first.image().rgb(), other.image().rgb()), "another seed, another tile");
    }

    @Test
    void nucleiAreDarkerAndMorePurpleThanTheTissueAround() {
        for (long seed = 1; seed <= 4; seed++) {
            SyntheticTile tile = SyntheticHistology.tile(DEFAULTS, seed, SIZE, SIZE);
            double[] inside = new double[2];
            double[] outside = new double[2];
            long[] counts = new long[2];
            int[] rgb = tile.image().rgb();
            int[] labels = tile.labels().labels();
            for (int i = 0; i < rgb.length; i++) {
                double[] sums = labels[i] != 0 ? inside : outside;
                counts[labels[i] != 0 ? 0 : 1]++;
                int r = RgbImage.red(rgb[i]);
                sums[0] += r + RgbImage.green(rgb[i]) + RgbImage.blue(rgb[i]);
                sums[1] += RgbImage.blue(rgb[i]) - r;
            }
            assertTrue(counts[0] > 0 && counts[1] > 0, "seed " + seed + " has nuclei and tissue");
            double brightnessIn = inside[0] / counts[0] / 3;
            double brightnessOut = outside[0] / counts[1] / 3;
            assertTrue(brightnessIn < brightnessOut - 30,
                    "seed " + seed + ": nuclei " + brightnessIn + " vs tissue " + brightnessOut);
            assertTrue(inside[1] / counts[0] > outside[1] / counts[1] + 10, "seed " + seed + ": bluer than red");
        }
    }

    @Test
    void nucleiStayWithinTheConfiguredSizesAndDensity() {
        HistologySettings small = DEFAULTS.withRadii(4, 7).withDensity(8);
        for (HistologySettings settings : List.of(DEFAULTS, small)) {
            int labelled = 0;
            int seeds = 6;
            for (long seed = 1; seed <= seeds; seed++) {
                SyntheticHistology generator = new SyntheticHistology(settings, seed);
                for (Nucleus nucleus : generator.nuclei(0, 0, 512, 512)) {
                    assertTrue(nucleus.meanRadius() >= settings.minRadius() - 1e-9
                            && nucleus.meanRadius() <= settings.maxRadius() + 1e-9, "radius " + nucleus.meanRadius());
                }
                LabelImage labels = generator.render(0, 0, 512, 512).labels();
                Map<Integer, Integer> areas = areas(labels);
                labelled += areas.size();
                double largest = Math.PI * Math.pow(settings.maxRadius() * 1.18 + 1, 2);
                for (int area : areas.values()) {
                    assertTrue(area <= largest, "area " + area + " exceeds " + largest);
                }
                double median = areas.values().stream().mapToInt(Integer::intValue).sorted()
                        .skip(areas.size() / 2).findFirst().orElseThrow();
                assertTrue(Math.sqrt(median / Math.PI) >= settings.minRadius() * 0.8,
                        "median equivalent radius " + Math.sqrt(median / Math.PI));
            }
            double perTenThousand = labelled / (double) seeds / (512.0 * 512 / 10_000);
            assertTrue(perTenThousand > 0.6 * settings.density() && perTenThousand < 1.4 * settings.density(),
                    "density " + perTenThousand + " vs configured " + settings.density());
        }
    }

    @Test
    void clustersMakeTouchingNuclei() {
        SyntheticTile tile = SyntheticHistology.tile(DEFAULTS, 5, SIZE, SIZE);
        assertTrue(touchingPairs(tile.labels()) >= 3, "touching pairs: " + touchingPairs(tile.labels()));
        SyntheticTile apart = SyntheticHistology.tile(DEFAULTS.withClusterProbability(0).withDensity(1), 5, SIZE, SIZE);
        assertTrue(touchingPairs(apart.labels()) < touchingPairs(tile.labels()));
    }

    @Test
    void aRegionEqualsTheSamePixelsCutFromALargerRender() {
        for (HistologySettings settings : List.of(DEFAULTS, DEFAULTS.withTissueFraction(0.5))) {
            SyntheticHistology generator = new SyntheticHistology(settings, 9);
            int bigX = 15_000;
            int bigY = 7_900;
            while (generator.render(bigX + 137, bigY + 61, 190, 170).labels().maxLabel() == 0) {
                bigY += 1_000; // on bare glass: move on to tissue
            }
            SyntheticTile big = generator.render(bigX, bigY, 400, 300);
            SyntheticTile part = generator.render(bigX + 137, bigY + 61, 190, 170);
            for (int y = 0; y < 170; y++) {
                for (int x = 0; x < 190; x++) {
                    assertEquals(big.image().get(137 + x, 61 + y), part.image().get(x, y), "pixel " + x + "," + y);
                }
            }
            assertSamePartition(big.labels(), 137, 61, part.labels());
        }
    }

    @Test
    void aSlideHasBareGlassAroundTheTissue() {
        SyntheticHistology slide = new SyntheticHistology(DEFAULTS.withTissueFraction(0.3), 3);
        int glass = 0;
        int samples = 0;
        for (int y = 0; y < 20_000; y += 2_000) {
            for (int x = 0; x < 20_000; x += 2_000) {
                int pixel = slide.image(x, y, 1, 1).get(0, 0);
                samples++;
                if (RgbImage.green(pixel) > 200 && RgbImage.red(pixel) > 200) {
                    glass++;
                }
            }
        }
        assertTrue(glass > samples / 3 && glass < samples, glass + " of " + samples + " samples on glass");
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withRadii(8, 4));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withRadii(1, 4));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withDensity(-1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTissueFraction(0));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticHistology(DEFAULTS, 1).render(0, 0, 0, 5));
    }

    private static Map<Integer, Integer> areas(LabelImage labels) {
        Map<Integer, Integer> areas = new HashMap<>();
        for (int label : labels.labels()) {
            if (label != 0) {
                areas.merge(label, 1, Integer::sum);
            }
        }
        return areas;
    }

    private static int touchingPairs(LabelImage labels) {
        Set<Long> pairs = new HashSet<>();
        for (int y = 0; y < labels.height(); y++) {
            for (int x = 0; x + 1 < labels.width(); x++) {
                addPair(pairs, labels.get(x, y), labels.get(x + 1, y));
                if (y + 1 < labels.height()) {
                    addPair(pairs, labels.get(x, y), labels.get(x, y + 1));
                }
            }
        }
        return pairs.size();
    }

    private static void addPair(Set<Long> pairs, int a, int b) {
        if (a != 0 && b != 0 && a != b) {
            pairs.add((long) Math.min(a, b) << 32 | Math.max(a, b));
        }
    }

    /** Same objects: background where background, and a one-to-one map between ids. */
    private static void assertSamePartition(LabelImage big, int offsetX, int offsetY, LabelImage part) {
        Map<Integer, Integer> forward = new HashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        for (int y = 0; y < part.height(); y++) {
            for (int x = 0; x < part.width(); x++) {
                int a = big.get(offsetX + x, offsetY + y);
                int b = part.get(x, y);
                assertEquals(a == 0, b == 0, "background differs at " + x + "," + y);
                if (a != 0) {
                    assertEquals(b, (int) forward.computeIfAbsent(a, key -> b), "label split at " + x + "," + y);
                    assertEquals(a, (int) backward.computeIfAbsent(b, key -> a), "labels merged at " + x + "," + y);
                }
            }
        }
        assertFalse(forward.isEmpty(), "the region holds nuclei");
    }
}
