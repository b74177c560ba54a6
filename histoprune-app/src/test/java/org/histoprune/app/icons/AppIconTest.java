package org.histoprune.app.icons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class AppIconTest {
    private static final Path ICONS = Path.of("icons");

    @Test
    void committedPngsAreTheCurrentDrawingAtEverySize() throws IOException {
        for (int size : AppIcon.SIZES) {
            BufferedImage committed = ImageIO.read(ICONS.resolve("histoprune-" + size + ".png").toFile());
            assertEquals(size, committed.getWidth());
            assertEquals(size, committed.getHeight());
            assertTrue(maxDifference(committed, AppIcon.render(size)) <= 8,
                    "icons/histoprune-" + size + ".png is stale: run icons/generate.sh");
        }
        assertEquals(0, maxDifference(ImageIO.read(ICONS.resolve("histoprune.png").toFile()),
                ImageIO.read(ICONS.resolve("histoprune-256.png").toFile())), "the installer icon is the 256 px one");
    }

    @Test
    void iconIsOpaqueInsideTransparentCornersAndShowsNucleiOnTissue() {
        BufferedImage icon = AppIcon.render(256);
        assertEquals(0, icon.getRGB(0, 0) >>> 24, "corners are cut round");
        assertEquals(255, icon.getRGB(128, 40) >>> 24);
        int nucleus = icon.getRGB(60, 128) & 0xFFFFFF;
        assertTrue(((nucleus >> 16) & 0xFF) < 120 && (nucleus & 0xFF) > ((nucleus >> 8) & 0xFF),
                "a purple nucleus sits at the middle neuron of the first layer: " + Integer.toHexString(nucleus));
    }

    @Test
    void svgIsAWellFormedSquareDrawingAndMatchesTheCommittedOne(@TempDir Path temp) throws Exception {
        IconGenerator.write(temp);
        assertEquals(Files.readString(ICONS.resolve("histoprune.svg")), Files.readString(temp.resolve("histoprune.svg")),
                "icons/histoprune.svg is stale: run icons/generate.sh");
        Element svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(temp.resolve("histoprune.svg").toFile()).getDocumentElement();
        assertEquals("svg", svg.getTagName());
        assertEquals(512, Double.parseDouble(svg.getAttribute("width")));
        assertEquals(512, Double.parseDouble(svg.getAttribute("height")));
        assertEquals("0.0 0.0 512.0 512.0", svg.getAttribute("viewBox"));
        assertTrue(svg.getElementsByTagName("ellipse").getLength() + svg.getElementsByTagName("path").getLength() >= 6,
                "six nuclei are drawn");
    }

    private static int maxDifference(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    max = Math.max(max, Math.abs(((p >>> shift) & 0xFF) - ((q >>> shift) & 0xFF)));
                }
            }
        }
        return max;
    }
}
