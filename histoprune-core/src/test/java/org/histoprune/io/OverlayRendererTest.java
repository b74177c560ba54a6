package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayRendererTest {
    @TempDir
    Path dir;

    @Test
    void outlinesEachInstanceInItsOwnColourAndKeepsTheRest() throws IOException {
        LabelImage labels = new LabelImage(12, 7);
        fill(labels, 1, 1, 5, 5, 3);
        fill(labels, 6, 1, 10, 5, 4);
        RgbImage image = NucleusMeasurementsTest.white(12, 7);
        RgbImage overlay = OverlayRenderer.render(image, labels);
        assertEquals(OverlayRenderer.colour(3), overlay.get(1, 1));
        assertEquals(OverlayRenderer.colour(3), overlay.get(5, 3));
        assertEquals(0xFFFFFF, overlay.get(3, 3), "inside stays");
        assertEquals(0xFFFFFF, overlay.get(0, 0), "background stays");
        assertEquals(OverlayRenderer.colour(4), overlay.get(6, 3));
        assertNotEquals(OverlayRenderer.colour(3), OverlayRenderer.colour(4));
        assertEquals(0xFFFFFF, image.get(1, 1), "input untouched");

        Path file = dir.resolve("overlay.png");
        OverlayRenderer.write(image, labels, file);
        assertEquals(OverlayRenderer.colour(4), RasterFiles.readRgb(file).get(10, 5));
    }

    @Test
    void neighbouringLabelsGetDistinctColours() {
        Set<Integer> colours = new HashSet<>();
        for (int label = 1; label <= 20; label++) {
            colours.add(OverlayRenderer.colour(label));
        }
        assertEquals(20, colours.size());
    }

    @Test
    void sizesMustMatch() {
        assertThrows(IllegalArgumentException.class,
                () -> OverlayRenderer.render(new RgbImage(3, 3), new LabelImage(3, 4)));
    }

    private static void fill(LabelImage labels, int x0, int y0, int x1, int y1, int label) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                labels.labels()[y * labels.width() + x] = label;
            }
        }
    }
}
