package org.histoprune.io;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.histoprune.image.RgbImage;

/**
 * TIFF in the forms scanners write (striped or tiled, BigTIFF, pyramids as IFD chains or SubIFDs, SVS,
 * OME-TIFF), decoded by TwelveMonkeys one tile at a time. Striped levels are read in bands of whole strips.
 */
final class TiffSlideReader extends TiledSlideReader {
    /** Bands of a striped level hold about this many pixels. */
    private static final long BAND_PIXELS = 4L << 20;

    /** Where a level's pixels are decoded from: its directory, and TwelveMonkeys for kinds we do not decode. */
    private record Source(TiffStructure.Directory directory, ImageReader reader, int imageIndex) {
    }

    private final List<Source> sources;
    private final List<ImageInputStream> streams;
    private final FileChannel channel;
    private final ByteOrder order;
    private final boolean bigTiff;
    /** Aperio, OME or generic, from the first image's description. */
    private final String vendor;

    private TiffSlideReader(Path file, List<Level> levels, List<TileGrid> grids, OptionalDouble mpp,
            List<Source> sources, List<ImageInputStream> streams, FileChannel channel, TiffStructure.Layout layout,
            String vendor) {
        super(file, levels, grids, mpp);
        this.bigTiff = layout.bigTiff();
        this.vendor = vendor;
        this.sources = sources;
        this.streams = streams;
        this.channel = channel;
        this.order = layout.order();
    }

    static TiffSlideReader open(Path file) throws IOException {
        TiffStructure.Layout layout = TiffStructure.read(file);
        List<TiffPyramid.Member> members = TiffPyramid.of(file, layout);
        TiffStructure.Directory base = members.get(0).directory();
        String description = layout.description(base);
        String vendor = description.startsWith("Aperio") ? "Aperio"
                : description.startsWith("<") && description.contains("OME") ? "OME" : "generic";
        OptionalDouble mpp = PixelSizes.fromTiff(description, base.xResolution(), base.resolutionUnit());
        List<Level> levels = new ArrayList<>();
        List<TileGrid> grids = new ArrayList<>();
        for (TiffPyramid.Member member : members) {
            TiffStructure.Directory directory = member.directory();
            levels.add(new Level(directory.width(), directory.height(), base.width() / (double) directory.width()));
            grids.add(grid(file, directory));
        }
        List<ImageInputStream> streams = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        FileChannel channel;
        try {
            ImageInputStream main = new FileImageInputStream(file.toFile());
            streams.add(main);
            ImageReader chainReader = reader(main);
            for (TiffPyramid.Member member : members) {
                TiffStructure.Directory directory = member.directory();
                if (TiffChunkDecoder.supports(directory)) {
                    sources.add(new Source(directory, null, -1));
                } else if (member.chainIndex() >= 0) {
                    sources.add(new Source(directory, chainReader, member.chainIndex()));
                } else {
                    ImageInputStream sub = new PatchedHeaderStream(file, layout.bigTiff(), layout.order(),
                            directory.offset());
                    streams.add(sub);
                    sources.add(new Source(directory, reader(sub), 0));
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            closeAll(sources, streams);
            throw e;
        }
        return new TiffSlideReader(file, levels, grids, mpp, sources, streams, channel, layout, vendor);
    }

    /** Format and vendor from the first image's description; tiles and compression of level 0. */
    @Override
    public Map<String, String> properties() {
        TiffStructure.Directory base = sources.get(0).directory();
        String format = (bigTiff ? "BigTIFF" : "TIFF") + (vendor.equals("Aperio") ? " (SVS)"
                : vendor.equals("OME") ? " (OME-TIFF)" : "");
        String tile = base.tiled() ? base.tileWidth() + "x" + base.tileHeight() + " px tiles"
                : "strips of " + base.rowsPerStrip() + " rows";
        return Map.of("format", format, "vendor", vendor, "tile", tile, "compression",
                TiffStructure.compressionName(base.compression()));
    }

    /** Native tiles, or bands of whole strips for a striped level (a single tile when the level is small). */
    private static TileGrid grid(Path file, TiffStructure.Directory directory) {
        long width = directory.width();
        long height = directory.height();
        if (directory.tiled()) {
            return new TileGrid(directory.tileWidth(), directory.tileHeight());
        }
        if (width * height <= TiffStructure.MAX_TILE_PIXELS) {
            return new TileGrid((int) width, (int) height);
        }
        long strip = directory.rowsPerStrip();
        if (width * strip > TiffStructure.MAX_TILE_PIXELS) {
            throw new InvalidInputException(file, "strips of " + width + "x" + strip
                    + " px are too large to decode piecewise");
        }
        long strips = Math.max(1, BAND_PIXELS / (width * strip));
        return new TileGrid((int) width, (int) Math.min(height, strips * strip));
    }

    private static ImageReader reader(ImageInputStream stream) throws IOException {
        ImageReader reader = new TIFFImageReaderSpi().createReaderInstance();
        reader.setInput(stream, false, true);
        return reader;
    }

    @Override
    protected synchronized RgbImage readTile(TileRequest tile) throws IOException {
        Source source = sources.get(tile.level());
        if (source.reader() == null) {
            try {
                return decodeChunks(source.directory(), tile);
            } catch (TiffChunkDecoder.CorruptChunkException e) {
                throw new InvalidInputException(path(), "level " + tile.level() + " tile (" + tile.column() + ", "
                        + tile.row() + "): " + e.getMessage());
            }
        }
        checkChunksInFile(source.directory(), tile);
        ImageReadParam param = source.reader().getDefaultReadParam();
        param.setSourceRegion(new Rectangle(tile.x(), tile.y(), tile.width(), tile.height()));
        try {
            return RgbRasters.toRgb(source.reader().read(source.imageIndex(), param));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(path(), "cannot decode level " + tile.level() + " tile ("
                    + tile.column() + ", " + tile.row() + "): " + SlideReaderRegistry.describe(e), e);
        }
    }

    /** A tile from its native tile, or a band from the strips it spans; both decoded here. */
    private RgbImage decodeChunks(TiffStructure.Directory directory, TileRequest tile)
            throws IOException, TiffChunkDecoder.CorruptChunkException {
        int chunkWidth = directory.chunkWidth();
        int chunkHeight = directory.chunkHeight();
        int[] rgb = new int[tile.width() * tile.height()];
        int firstRow = tile.y() / chunkHeight;
        int lastRow = (tile.y() + tile.height() - 1) / chunkHeight;
        int column = tile.x() / chunkWidth;
        for (int row = firstRow; row <= lastRow; row++) {
            // Strips stop at the image's last row; tiles are always whole.
            int rows = directory.tiled() ? chunkHeight : Math.min(chunkHeight, directory.height() - row * chunkHeight);
            byte[] raw = chunk(directory, (long) row * directory.chunksAcross() + column, rows);
            int[] decoded = TiffChunkDecoder.decode(raw, directory, rows, order);
            int top = Math.max(tile.y(), row * chunkHeight);
            int bottom = Math.min(tile.y() + tile.height(), row * chunkHeight + rows);
            for (int y = top; y < bottom; y++) {
                System.arraycopy(decoded, (y - row * chunkHeight) * chunkWidth + tile.x() - column * chunkWidth, rgb,
                        (y - tile.y()) * tile.width(), tile.width());
            }
        }
        return new RgbImage(tile.width(), tile.height(), rgb);
    }

    /** TwelveMonkeys fills missing JPEG data with grey; a chunk cut off by truncation must be an error instead. */
    private void checkChunksInFile(TiffStructure.Directory directory, TileRequest tile) throws IOException {
        int column = tile.x() / directory.chunkWidth();
        for (int row = tile.y() / directory.chunkHeight(); row <= (tile.y() + tile.height() - 1) / directory.chunkHeight();
                row++) {
            long index = (long) row * directory.chunksAcross() + column;
            long offset = directory.chunkOffsets().get(channel, order, index);
            long count = directory.chunkByteCounts().get(channel, order, index);
            if (offset < 0 || count < 0 || offset > channel.size() - count) {
                throw new InvalidInputException(path(), "level " + tile.level() + " tile (" + tile.column() + ", "
                        + tile.row() + "): data lies beyond the end of the file (truncated?)");
            }
        }
    }

    private byte[] chunk(TiffStructure.Directory directory, long index, int rows)
            throws IOException, TiffChunkDecoder.CorruptChunkException {
        long offset = directory.chunkOffsets().get(channel, order, index);
        long count = directory.chunkByteCounts().get(channel, order, index);
        // LZW can grow incompressible data by half; anything far beyond that is not a real chunk.
        long limit = 2 * TiffChunkDecoder.decodedSize(directory, rows) + 4096;
        if (count < 0 || count > limit || offset < 0 || offset > channel.size() - count) {
            throw new TiffChunkDecoder.CorruptChunkException("chunk " + index + " of " + count + " bytes at offset "
                    + offset + " lies outside the file (" + channel.size() + " bytes) or is implausibly large");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new TiffChunkDecoder.CorruptChunkException("chunk " + index + " ends early");
            }
        }
        return buffer.array();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            channel.close();
        } finally {
            closeAll(sources, streams);
        }
    }

    private static void closeAll(List<Source> sources, List<ImageInputStream> streams) throws IOException {
        sources.stream().map(Source::reader).filter(java.util.Objects::nonNull).distinct().forEach(ImageReader::dispose);
        IOException failure = null;
        for (ImageInputStream stream : streams) {
            try {
                stream.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
