package org.histoprune.io;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.histoprune.image.RgbImage;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Single-level PNG, JPEG and BMP images. Small images are one tile; large ones are read in bands of whole rows,
 * since these formats decode from the top down.
 */
final class ImageIoSlideReader extends TiledSlideReader {
    private static final long WHOLE_IMAGE_PIXELS = 16L << 20;
    private static final long BAND_PIXELS = 4L << 20;
    private static final int MAX_WIDTH = 1 << 22;

    private final ImageInputStream stream;
    private final ImageReader reader;

    private ImageIoSlideReader(Path file, int width, int height, OptionalDouble mpp, ImageInputStream stream,
            ImageReader reader) {
        super(file, List.of(new Level(width, height, 1)), List.of(grid(width, height)), mpp);
        this.stream = stream;
        this.reader = reader;
    }

    static ImageIoSlideReader open(Path file) throws IOException {
        ImageInputStream stream = new FileImageInputStream(file.toFile());
        ImageReader reader = null;
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new InvalidInputException(file, "not an image in a format ImageIO reads");
            }
            reader = readers.next();
            reader.setInput(stream, true, false);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || width > MAX_WIDTH) {
                throw new InvalidInputException(file, "image size " + width + "x" + height + " is not supported");
            }
            return new ImageIoSlideReader(file, width, height, micronsPerPixel(reader), stream, reader);
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.dispose();
            }
            stream.close();
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(file, "cannot read the image header (" + SlideReaderRegistry.describe(e)
                    + ")", e);
        }
    }

    @Override
    public Map<String, String> properties() {
        String format;
        try {
            format = reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            format = "unknown";
        }
        TileGrid grid = grid(width(), height());
        return Map.of("format", format, "tile", "decoded in bands of " + grid.tileWidth() + "x" + grid.tileHeight()
                + " px");
    }

    private static TileGrid grid(int width, int height) {
        if ((long) width * height <= WHOLE_IMAGE_PIXELS) {
            return new TileGrid(width, height);
        }
        return new TileGrid(width, (int) Math.max(1, Math.min(height, BAND_PIXELS / width)));
    }

    /** From the standard metadata's HorizontalPixelSize (millimetres), which PNG pHYs and JFIF density give. */
    private static OptionalDouble micronsPerPixel(ImageReader reader) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
                return OptionalDouble.empty();
            }
            Element root = (Element) metadata.getAsTree("javax_imageio_1.0");
            NodeList sizes = root.getElementsByTagName("HorizontalPixelSize");
            if (sizes.getLength() == 0) {
                return OptionalDouble.empty();
            }
            return PixelSizes.plausible(Double.parseDouble(((Element) sizes.item(0)).getAttribute("value")) * 1000);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty(); // metadata is optional; pixels are what must decode
        }
    }

    @Override
    protected synchronized RgbImage readTile(TileRequest tile) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(tile.x(), tile.y(), tile.width(), tile.height()));
        // Decoders report truncated data (a JPEG's "premature end") as a warning and return grey: refuse that.
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        reader.addIIOReadWarningListener(listener);
        try {
            RgbImage pixels = RgbRasters.toRgb(reader.read(0, param));
            if (!warnings.isEmpty()) {
                throw new InvalidInputException(path(), "corrupt or truncated image data (" + warnings.get(0) + ")");
            }
            return pixels;
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(path(), "cannot decode rows " + tile.y() + ".." + (tile.y() + tile.height())
                    + " (" + SlideReaderRegistry.describe(e) + ")", e);
        } finally {
            reader.removeIIOReadWarningListener(listener);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        reader.dispose();
        stream.close();
    }
}
