package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.TiledTiffWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info SLIDE}: how a slide or image is stored, as text and as JSON; a broken one is exit 2. */
class InfoSlideCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPyramidalTiffShowsFormatLevelsPixelSizeTilesAndCompression() throws Exception {
        Path tiff = dir.resolve("pyramid.tif");
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(128).withMicronsPerPixel(0.25)
                .withCompression(TiledTiffWriter.Compression.DEFLATE))
                .write((x, y, w, h) -> new RgbImage(w, h, new int[w * h]), 1000, 600, tiff);
        String[] result = run("info", "--slide", tiff.toString(), "--json");
        assertEquals("0", result[0], result[2]);
        JsonNode json = new ObjectMapper().readTree(result[1]);
        assertEquals("TiffSlideReader", json.get("reader").asText());
        assertEquals("TIFF", json.get("format").asText());
        assertEquals("Deflate", json.get("compression").asText());
        assertEquals("128x128 px tiles", json.get("tile").asText());
        assertEquals(0.25, json.get("microns_per_pixel").asDouble(), 1e-9);
        JsonNode levels = json.get("levels");
        assertTrue(levels.size() >= 3, levels.toString());
        assertEquals(1000, levels.get(0).get("width").asInt());
        assertEquals(2.0, levels.get(1).get("downsample").asDouble(), 0.01);

        String[] text = run("info", tiff.toString());
        assertEquals("0", text[0], text[2]);
        assertTrue(text[1].contains("format TIFF, read by TiffSlideReader"), text[1]);
        assertTrue(text[1].contains("level 0: 1,000 x 600 px, downsample 1.000"), text[1]);
        assertTrue(text[1].contains("compression Deflate"), text[1]);
    }

    @Test
    void aPngIsDescribedAndABrokenSlideIsABadInput() throws Exception {
        Path png = dir.resolve("tile.png");
        RasterFiles.writeRgbPng(new RgbImage(40, 30, new int[40 * 30]), png);
        String[] result = run("info", png.toString());
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("format PNG, read by ImageIoSlideReader"), result[1]);
        assertTrue(result[1].contains("pixel size not recorded"), result[1]);

        Path broken = Files.write(dir.resolve("broken.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        String[] refused = run("info", broken.toString());
        assertEquals("2", refused[0]);
        assertTrue(refused[2].startsWith("error: " + broken + ": "), refused[2]);
    }

    /** Exit code, stdout and stderr of one in-process run. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
