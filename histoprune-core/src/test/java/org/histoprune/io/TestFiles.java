package org.histoprune.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Small files for loader tests. */
final class TestFiles {
    private TestFiles() {
    }

    /** A uniformly coloured RGB image; the format follows the extension. */
    static void writeRgb(Path file, int width, int height, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        write(image, file);
    }

    static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String extension = DatasetLoaders.extension(file);
        if (!ImageIO.write(image, extension.startsWith("tif") ? "tiff" : extension, file.toFile())) {
            throw new IOException("no writer for " + file);
        }
    }
}
