package org.histoprune.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntBinaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import org.histoprune.image.RgbImage;

/** Generated slides of every flavour the readers claim, with the function that made their pixels. */
final class SlideFixtures {
    private SlideFixtures() {
    }

    /**
     * A generated file and what a reader must report for it. It is opened through the installed readers, or
     * through {@code OpenSlide} alone when {@code reader} is "OpenSlideReader".
     */
    record Flavour(String name, Path file, IntBinaryOperator expected, int width, int height, int levels,
            boolean lossless, OptionalDouble micronsPerPixel, String reader) {
        @Override
        public String toString() {
            return name;
        }

        Flavour throughOpenSlide(OptionalDouble openSlideMpp) {
            return new Flavour("OpenSlide " + name, file, expected, width, height, levels, lossless, openSlideMpp,
                    "OpenSlideReader");
        }
    }

    /** A sharp, position-coded pattern: any misplaced or mis-decoded pixel shows. */
    static int sharp(int x, int y) {
        return RgbImage.pack(x * 7 + y * 3, x ^ y, (x * y) >> 4);
    }

    /** A smooth pattern that JPEG keeps within a few levels. */
    static int smooth(int x, int y) {
        return RgbImage.pack((int) (128 + 90 * Math.sin(x / 40.0)), (int) (128 + 90 * Math.cos(y / 55.0)),
                (int) (128 + 60 * Math.sin((x + y) / 70.0)));
    }

    static RegionSource source(IntBinaryOperator pattern) {
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

    static BufferedImage image(IntBinaryOperator pattern, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, pattern.applyAsInt(x, y) | (type == BufferedImage.TYPE_INT_ARGB ? 0 : 0xFF000000));
            }
        }
        return image;
    }

    /** The mean of the pattern over a {@code d x d} block, clipped to the image: what pyramid level pixels hold. */
    static int blockMean(IntBinaryOperator pattern, int x, int y, int d, int width, int height) {
        long red = 0;
        long green = 0;
        long blue = 0;
        int n = 0;
        for (int j = y * d; j < Math.min((y + 1) * d, height); j++) {
            for (int i = x * d; i < Math.min((x + 1) * d, width); i++) {
                int p = pattern.applyAsInt(i, j);
                red += RgbImage.red(p);
                green += RgbImage.green(p);
                blue += RgbImage.blue(p);
                n++;
            }
        }
        return RgbImage.pack((int) Math.round(red / (double) n), (int) Math.round(green / (double) n),
                (int) Math.round(blue / (double) n));
    }

    /** Pixels with alpha 255, 128 and 0 in bands, so that flattening onto white shows. */
    static int translucent(int x, int y) {
        int alpha = y < 40 ? 0xFF : y < 80 ? 0x80 : 0x00;
        return alpha << 24 | sharp(x, y);
    }

    static List<Flavour> all(Path dir) throws IOException {
        List<Flavour> flavours = new ArrayList<>();
        OptionalDouble none = OptionalDouble.empty();
        flavours.add(imageIo(dir, "png", BufferedImage.TYPE_INT_RGB, SlideFixtures::sharp, true));
        flavours.add(imageIo(dir, "bmp", BufferedImage.TYPE_INT_RGB, SlideFixtures::sharp, true));
        flavours.add(imageIo(dir, "jpg", BufferedImage.TYPE_INT_RGB, SlideFixtures::smooth, false));
        Path rgba = dir.resolve("rgba.png");
        ImageIO.write(image(SlideFixtures::translucent, 150, 120, BufferedImage.TYPE_INT_ARGB), "png", rgba.toFile());
        flavours.add(new Flavour("RGBA PNG", rgba, (x, y) -> RgbRasters.overWhite(translucent(x, y)), 150, 120, 1,
                true, none, "ImageIoSlideReader"));

        flavours.add(jdkTiff(dir, "LZW", false));
        flavours.add(jdkTiff(dir, "PackBits", false));
        flavours.add(jdkTiff(dir, "Deflate", false));
        flavours.add(jdkTiff(dir, "Deflate", true));
        flavours.add(jdkTiff(dir, "JPEG", true));

        var options = TiledTiffWriter.Options.defaults().withTileSize(128);
        flavours.add(ours(dir, "pyramid JPEG chain", options.withMicronsPerPixel(0.5), false,
                OptionalDouble.of(0.5)));
        flavours.add(ours(dir, "pyramid Deflate SubIFDs", options.withCompression(TiledTiffWriter.Compression.DEFLATE)
                .withLayout(TiledTiffWriter.PyramidLayout.SUB_IFDS), true, none));
        flavours.add(ours(dir, "pyramid LZW BigTIFF", options.withCompression(TiledTiffWriter.Compression.LZW)
                .withBigTiff(true).withMicronsPerPixel(0.25), true, OptionalDouble.of(0.25)));
        flavours.add(ours(dir, "OME-TIFF", options.withCompression(TiledTiffWriter.Compression.DEFLATE)
                .withLayout(TiledTiffWriter.PyramidLayout.SUB_IFDS).withDescription(omeXml(700, 500)), true,
                OptionalDouble.of(0.325)));
        flavours.add(svs(dir));
        // OpenSlide's generic tiled TIFF driver (no pixel size from resolution tags in 3.4). Its Aperio driver
        // refuses the JDK-written imitation SVS, so that one is read by the TIFF reader only.
        flavours.add(ours(dir, "pyramid JPEG no MPP", options, false, none).throughOpenSlide(none));
        return flavours;
    }

    private static Flavour imageIo(Path dir, String format, int type, IntBinaryOperator pattern, boolean lossless)
            throws IOException {
        Path file = dir.resolve("image." + format);
        if (!ImageIO.write(image(pattern, 333, 222, type), format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return new Flavour(format.toUpperCase(java.util.Locale.ROOT), file, pattern, 333, 222, 1, lossless,
                OptionalDouble.empty(), "ImageIoSlideReader");
    }

    /** Striped or tiled TIFF from the JDK's own writer (big-endian, so byte order is covered too). */
    private static Flavour jdkTiff(Path dir, String compression, boolean tiled) throws IOException {
        boolean jpeg = compression.equals("JPEG");
        IntBinaryOperator pattern = jpeg ? SlideFixtures::smooth : SlideFixtures::sharp;
        String name = (tiled ? "tiled " : "striped ") + compression + " TIFF";
        Path file = dir.resolve(name.replace(' ', '-') + ".tif");
        ImageWriter writer = jdkTiffWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(compression);
        if (tiled) {
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(64, 48, 0, 0);
        }
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image(pattern, 301, 203, BufferedImage.TYPE_3BYTE_BGR), null, null), param);
        } finally {
            writer.dispose();
        }
        return new Flavour(name, file, pattern, 301, 203, 1, !jpeg, OptionalDouble.empty(), "TiffSlideReader");
    }

    /** The reproducer: a tiled RGB TIFF (Deflate, 256 px tiles) whose TileWidth says 256,000,000. */
    static Path tileWidthBomb(Path file) throws IOException {
        new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(256).withPyramid(false)
                .withCompression(TiledTiffWriter.Compression.DEFLATE))
                .write(source(SlideFixtures::sharp), 1200, 900, file);
        patchTag(file, 322, 256_000_000);
        return file;
    }

    /** Rewrites a tag of the first IFD of a classic TIFF as one LONG holding {@code value}. */
    static void patchTag(Path file, int tag, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteOrder order = bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        int ifd = buffer.getInt(4);
        int entries = buffer.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int at = ifd + 2 + 12 * i;
            if ((buffer.getShort(at) & 0xFFFF) == tag) {
                buffer.putShort(at + 2, (short) 4).putInt(at + 4, 1).putInt(at + 8, (int) value);
                Files.write(file, bytes);
                return;
            }
        }
        throw new IllegalArgumentException(file + " has no tag " + tag);
    }

    private static Flavour ours(Path dir, String name, TiledTiffWriter.Options options, boolean lossless,
            OptionalDouble mpp) throws IOException {
        Path file = dir.resolve(name.replace(' ', '-') + ".tif");
        IntBinaryOperator pattern = lossless ? SlideFixtures::sharp : SlideFixtures::smooth;
        new TiledTiffWriter(options).write(source(pattern), 700, 500, file);
        return new Flavour(name, file, pattern, 700, 500, 4, lossless, mpp, "TiffSlideReader");
    }

    static String omeXml(int width, int height) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\">"
                + "<Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"uint8\""
                + " SizeX=\"" + width + "\" SizeY=\"" + height + "\" SizeC=\"3\" SizeZ=\"1\" SizeT=\"1\""
                + " PhysicalSizeX=\"325\" PhysicalSizeXUnit=\"nm\" PhysicalSizeY=\"325\" PhysicalSizeYUnit=\"nm\">"
                + "<Channel ID=\"Channel:0:0\" SamplesPerPixel=\"3\"/><TiffData/></Pixels></Image></OME>";
    }

    /**
     * An Aperio-like SVS: tiled JPEG level 0, a striped thumbnail, a tiled level at 1/2, then a label and a macro
     * image; MPP in the description. Only the two tiled levels make the pyramid.
     */
    private static Flavour svs(Path dir) throws IOException {
        Path file = dir.resolve("aperio.svs");
        int width = 640;
        int height = 480;
        IntBinaryOperator pattern = SlideFixtures::smooth;
        String description = "Aperio Image Library v12.0.15 \r\n640x480 [0,0 640x480] (128x128) JPEG/RGB Q=90"
                + "|AppMag = 20|MPP = 0.4990|ScanScope ID = TEST";
        ImageWriter writer = jdkTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            page(writer, image(pattern, width, height, BufferedImage.TYPE_3BYTE_BGR), 128, description);
            page(writer, image(pattern, 160, 120, BufferedImage.TYPE_3BYTE_BGR), 0, "Aperio thumbnail 160x120");
            page(writer, image((x, y) -> blockMean(pattern, x, y, 2, width, height), 320, 240,
                    BufferedImage.TYPE_3BYTE_BGR), 128, "Aperio Image Library v12.0.15 \r\n640x480 -> 320x240");
            page(writer, image(SlideFixtures::sharp, 100, 90, BufferedImage.TYPE_3BYTE_BGR), 0, "label 100x90");
            page(writer, image(SlideFixtures::sharp, 300, 100, BufferedImage.TYPE_3BYTE_BGR), 0, "macro 300x100");
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return new Flavour("SVS", file, pattern, width, height, 2, false, OptionalDouble.of(0.499), "TiffSlideReader");
    }

    private static void page(ImageWriter writer, BufferedImage image, int tile, String description)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("JPEG");
        param.setCompressionQuality(0.9f);
        if (tile > 0) {
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(tile, tile, 0, 0);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
        TIFFDirectory directory = TIFFDirectory.createFromMetadata(metadata);
        TIFFTag tag = BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION);
        directory.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_ASCII, 1, new String[] {description}));
        writer.writeToSequence(new IIOImage(image, null, directory.getAsMetadata()), param);
    }

    private static ImageWriter jdkTiffWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio")) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK's TIFF writer is missing");
    }
}
