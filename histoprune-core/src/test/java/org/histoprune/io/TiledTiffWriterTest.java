package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.histoprune.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Node;

class TiledTiffWriterTest {
    @TempDir
    Path dir;

    /** A sharp, position-coded pattern: any misplaced or mis-decoded pixel shows. */
    static int sharp(int x, int y) {
        return RgbImage.pack(x * 7 + y * 3, x ^ y, (x * y) >> 4);
    }

    /** A smooth pattern that JPEG keeps within a few levels. */
    static int smooth(int x, int y) {
        return RgbImage.pack((int) (128 + 90 * Math.sin(x / 40.0)), (int) (128 + 90 * Math.cos(y / 55.0)),
                (int) (128 + 60 * Math.sin((x + y) / 70.0)));
    }

    static RegionSource source(java.util.function.IntBinaryOperator pattern) {
        return (x, y, w, h) -> {
            int[] rgb = new int[w * h];
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    rgb[j * w + i] = pattern.applyAsInt(x + i, y + j);
                }
            }
            return new RgbImage(w, h, rgb);
        };
    }

    @ParameterizedTest
    @EnumSource(value = TiledTiffWriter.Compression.class, names = {"DEFLATE", "LZW"})
    void losslessLevelsHoldTheExactPixelsAndTheirTwoByTwoMeans(TiledTiffWriter.Compression compression)
            throws IOException {
        Path file = dir.resolve("sharp.tif");
        var options = TiledTiffWriter.Options.defaults().withCompression(compression).withTileSize(128);
        new TiledTiffWriter(options).write(source(TiledTiffWriterTest::sharp), 517, 301, file);

        BufferedImage[] levels = readAll(file);
        assertEquals(4, levels.length, "517x301 -> 259x151 -> 130x76 -> 65x38 (fits one 128 tile)");
        assertEquals(259, levels[1].getWidth());
        assertEquals(151, levels[1].getHeight());
        assertEquals(65, levels[3].getWidth());
        for (int y = 0; y < 301; y++) {
            for (int x = 0; x < 517; x++) {
                assertEquals(sharp(x, y), levels[0].getRGB(x, y) & 0xFFFFFF, "level 0 at " + x + "," + y);
            }
        }
        // Level 1 pixel = rounded mean of its 2x2 block; the last column averages the edge pixel with itself.
        for (int y = 0; y < 151; y++) {
            for (int x = 0; x < 259; x++) {
                int x1 = Math.min(2 * x + 1, 516);
                int y1 = Math.min(2 * y + 1, 300);
                int expected = mean(sharp(2 * x, 2 * y), sharp(x1, 2 * y), sharp(2 * x, y1), sharp(x1, y1));
                assertEquals(expected, levels[1].getRGB(x, y) & 0xFFFFFF, "level 1 at " + x + "," + y);
            }
        }
    }

    @Test
    void jpegTilesStayCloseToTheSourceAndCarryThePixelSize() throws IOException {
        Path file = dir.resolve("smooth.tif");
        var options = TiledTiffWriter.Options.defaults().withJpegQuality(0.9f).withTileSize(256)
                .withMicronsPerPixel(0.25);
        new TiledTiffWriter(options).write(source(TiledTiffWriterTest::smooth), 1000, 700, file);

        BufferedImage[] levels = readAll(file);
        assertEquals(3, levels.length);
        assertTrue(meanAbsoluteError(levels[0], TiledTiffWriterTest::smooth) < 2.0,
                "mean error " + meanAbsoluteError(levels[0], TiledTiffWriterTest::smooth));
        String metadata = nativeMetadata(file);
        assertTrue(metadata.contains("MPP = 0.250000"), "description with the pixel size");
        assertTrue(metadata.contains("40000"), "X/YResolution of 40000 px/cm for 0.25 um/px");
    }

    @Test
    void bigTiffAndSingleLevelWithoutPyramid() throws IOException {
        Path file = dir.resolve("big.tif");
        var options = TiledTiffWriter.Options.defaults().withCompression(TiledTiffWriter.Compression.DEFLATE)
                .withBigTiff(true).withPyramid(false).withTileSize(64);
        new TiledTiffWriter(options).write(source(TiledTiffWriterTest::sharp), 200, 90, file);
        byte[] head = Files.readAllBytes(file);
        assertEquals(43, head[2], "BigTIFF version number");
        BufferedImage[] levels = readAll(file);
        assertEquals(1, levels.length);
        assertEquals(sharp(199, 89), levels[0].getRGB(199, 89) & 0xFFFFFF);
    }

    @Test
    void subIfdLayoutKeepsOneTopLevelImage() throws IOException {
        Path file = dir.resolve("sub.tif");
        var options = TiledTiffWriter.Options.defaults().withLayout(TiledTiffWriter.PyramidLayout.SUB_IFDS)
                .withTileSize(64).withCompression(TiledTiffWriter.Compression.LZW);
        new TiledTiffWriter(options).write(source(TiledTiffWriterTest::sharp), 300, 200, file);
        assertEquals(1, readAll(file).length, "reduced levels hang below the full level, not in the chain");
        assertTrue(nativeMetadata(file).contains("330"), "SubIFDs tag");
    }

    @Test
    void lzwSurvivesIncompressibleDataAcrossTableResets() throws IOException {
        Random random = new Random(7);
        int[] noise = new int[256 * 256];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(1 << 24);
        }
        Path file = dir.resolve("noise.tif");
        var options = TiledTiffWriter.Options.defaults().withCompression(TiledTiffWriter.Compression.LZW)
                .withPyramid(false).withTileSize(256);
        new TiledTiffWriter(options).write((x, y, w, h) -> new RgbImage(w, h, noise.clone()), 256, 256, file);
        BufferedImage image = readAll(file)[0];
        for (int i = 0; i < noise.length; i++) {
            assertEquals(noise[i], image.getRGB(i % 256, i / 256) & 0xFFFFFF, "pixel " + i);
        }
    }

    @Test
    void aSourceReturningTheWrongSizeIsAnError() {
        var writer = new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(64));
        assertThrows(IllegalStateException.class,
                () -> writer.write((x, y, w, h) -> new RgbImage(1, 1), 100, 100, dir.resolve("bad.tif")));
        assertTrue(!Files.exists(dir.resolve("bad.tif")), "no half-written file is left");
    }

    private static int mean(int a, int b, int c, int d) {
        int red = (RgbImage.red(a) + RgbImage.red(b) + RgbImage.red(c) + RgbImage.red(d) + 2) >> 2;
        int green = (RgbImage.green(a) + RgbImage.green(b) + RgbImage.green(c) + RgbImage.green(d) + 2) >> 2;
        int blue = (RgbImage.blue(a) + RgbImage.blue(b) + RgbImage.blue(c) + RgbImage.blue(d) + 2) >> 2;
        return RgbImage.pack(red, green, blue);
    }

    static double meanAbsoluteError(BufferedImage image, java.util.function.IntBinaryOperator pattern) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int a = image.getRGB(x, y);
                int b = pattern.applyAsInt(x, y);
                sum += Math.abs(RgbImage.red(a) - RgbImage.red(b)) + Math.abs(RgbImage.green(a) - RgbImage.green(b))
                        + Math.abs(RgbImage.blue(a) - RgbImage.blue(b));
            }
        }
        return sum / (3.0 * image.getWidth() * image.getHeight());
    }

    /** Every image of the top-level IFD chain, through TwelveMonkeys' TIFF reader. */
    private static BufferedImage[] readAll(Path file) throws IOException {
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = new com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi().createReaderInstance();
            reader.setInput(stream);
            BufferedImage[] images = new BufferedImage[reader.getNumImages(true)];
            for (int i = 0; i < images.length; i++) {
                images[i] = reader.read(i);
            }
            reader.dispose();
            return images;
        }
    }

    private static String nativeMetadata(Path file) throws IOException {
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = new com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi().createReaderInstance();
            reader.setInput(stream);
            IIOMetadata metadata = reader.getImageMetadata(0);
            StringBuilder text = new StringBuilder();
            append(metadata.getAsTree(metadata.getNativeMetadataFormatName()), text);
            reader.dispose();
            return text.toString();
        }
    }

    private static void append(Node node, StringBuilder text) {
        text.append(node.getNodeName()).append(' ');
        var attributes = node.getAttributes();
        for (int i = 0; attributes != null && i < attributes.getLength(); i++) {
            text.append(attributes.item(i).getNodeValue()).append(' ');
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            append(child, text);
        }
    }
}
