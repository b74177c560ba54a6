package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Test;

class LabelRasterizerTest {
    /** One 10x10 square nucleus (id 5) at (20..29, 30..39) of a layer placed at (100, 200). */
    private static InstanceLayer square() {
        LabelImage labels = new LabelImage(64, 64);
        for (int y = 30; y < 40; y++) {
            for (int x = 20; x < 30; x++) {
                labels.labels()[y * 64 + x] = 5;
            }
        }
        return new InstanceLayer("square", 100, 200, labels, 0x00FF00);
    }

    @Test
    void perNucleusColoursAreSaturatedAndClearOfHematoxylinAndEosinHues() {
        for (int id = 1; id <= 1000; id++) {
            int rgb = LabelRasterizer.colourOf(id);
            float[] hsb = Color.RGBtoHSB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, null);
            double degrees = hsb[0] * 360;
            // Hematoxylin stains blue-purple (about 220..290 degrees), eosin pink to red (about 300..360..10).
            assertTrue(degrees >= 10 && degrees <= 200, "nucleus " + id + " hue " + degrees);
            assertTrue(hsb[1] >= 0.8 && hsb[2] >= 0.95, "nucleus " + id + " saturated and bright");
        }
    }

    @Test
    void outlinesAtOneToOneMarkTheBorderPixelsOnly() {
        BufferedImage tile = LabelRasterizer.tile(square(), 1, 0, 0, false, false);
        assertEquals(0xFF00FF00, tile.getRGB(120, 230), "corner of the square");
        assertEquals(0xFF00FF00, tile.getRGB(129, 235), "right edge");
        assertEquals(0, tile.getRGB(125, 235) >>> 24, "inside is clear without fill");
        assertEquals(0, tile.getRGB(119, 235) >>> 24, "outside is clear");
    }

    @Test
    void fillPaintsTheInsideTranslucently() {
        BufferedImage tile = LabelRasterizer.tile(square(), 1, 0, 0, true, false);
        int inside = tile.getRGB(125, 235);
        assertEquals(true, (inside >>> 24) > 0 && (inside >>> 24) < 255, Integer.toHexString(inside));
        assertEquals(0xFF00FF00, tile.getRGB(120, 230));
    }

    @Test
    void zoomedInTheOutlineIsOneScreenPixelAtTheCrack() {
        BufferedImage tile = LabelRasterizer.tile(square(), 0.25, 1, 3, false, true);
        // Tile (1, 3) at downsample 0.25 covers image x 64..128, y 192..256: the square's left edge is at x 120,
        // screen x (120 - 64) / 0.25 = 224 within the tile; the pixel right of it is inside.
        int colour = 0xFF000000 | LabelRasterizer.colourOf(5);
        assertEquals(colour, tile.getRGB(224, (235 - 192) * 4));
        assertEquals(0, tile.getRGB(225, (235 - 192) * 4) >>> 24);
        assertEquals(0, tile.getRGB(223, (235 - 192) * 4) >>> 24);
    }

    @Test
    void aNucleusCutByTheLayerBorderHasNoOutlineAlongTheCut() {
        LabelImage labels = new LabelImage(8, 8);
        java.util.Arrays.fill(labels.labels(), 3);
        BufferedImage tile = LabelRasterizer.tile(new InstanceLayer("cut", 0, 0, labels, 0xFF0000), 1, 0, 0, false,
                false);
        for (int x = 0; x < 8; x++) {
            assertEquals(0, tile.getRGB(x, 0) >>> 24, "no outline on the layer's edge at x " + x);
        }
    }

    @Test
    void tilesWithoutNucleiAreNull() {
        assertNull(LabelRasterizer.tile(square(), 1, 5, 5, false, false));
        assertNull(LabelRasterizer.tile(square(), 1, 0, 1, false, false), "inside the layer but no nucleus");
    }
}
