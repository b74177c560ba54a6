package org.histoprune.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directories (IFDs) of a TIFF or BigTIFF file, read and checked against the file's length before any
 * decoder sees them: a corrupt or hostile header becomes an {@link InvalidInputException} here instead of a
 * huge allocation or an endless loop in a decoder.
 */
final class TiffStructure {
    /** Directories in the whole file, main chain and SubIFDs together. */
    private static final int MAX_DIRECTORIES = 4096;
    private static final int MAX_ENTRIES = 4096;
    /** Longest description accepted; they are read only when asked for (many IFDs may point at one blob). */
    private static final int MAX_TEXT_BYTES = 16 << 20;
    /** Description bytes read from one file in all, a guard however many are asked for. */
    private static final long MAX_TEXT_BYTES_READ = 2L * MAX_TEXT_BYTES;
    /** Enough for the first line of any description that names a label or macro image. */
    private static final int FIRST_LINE_BYTES = 1024;
    private static final int MAX_SUB_IFDS = 256;
    /** Widest and tallest image accepted: several times the largest whole-slide scans. */
    static final long MAX_SIDE = 1 << 21;
    /** Largest tile (pixels) that any reader, ours or OpenSlide, is asked to decode at once. */
    static final long MAX_TILE_PIXELS = 16L << 20;

    /** One image file directory, reduced to what building a pyramid needs. */
    record Directory(long offset, int width, int height, boolean tiled, int tileWidth, int tileHeight,
            int rowsPerStrip, int samplesPerPixel, int bitsPerSample, int compression, int photometric,
            int predictor, int planarConfiguration, long newSubfileType, Text description, double xResolution,
            int resolutionUnit, long[] subIfds, Values chunkOffsets, Values chunkByteCounts) {
        boolean reducedResolution() {
            return (newSubfileType & 1) != 0;
        }

        /** Width and height of a strip or tile as stored (strips span the image width). */
        int chunkWidth() {
            return tiled ? tileWidth : width;
        }

        int chunkHeight() {
            return tiled ? tileHeight : rowsPerStrip;
        }

        int chunksAcross() {
            return tiled ? (width + tileWidth - 1) / tileWidth : 1;
        }
    }

    /**
     * Where a directory's ImageDescription lies: {@code length} bytes at {@code offset}, or (offset -1) the few
     * bytes that sit in the entry itself. Read by {@link Layout#description}, not while walking the file.
     */
    record Text(long offset, int length, byte[] inline) {
        static final Text NONE = new Text(-1, 0, new byte[0]);
    }

    /** Opens the file for reading; tests count what is read through it. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    /**
     * An array of integer values left in the file (tile offsets can number millions), read one at a time; values
     * small enough to sit in their entry are kept in {@code inline} instead ({@code offset} is then -1).
     */
    record Values(int type, long count, long offset, long[] inline) {
        long get(FileChannel channel, ByteOrder order, long index) throws IOException {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException("value " + index + " of " + count);
            }
            if (offset < 0) {
                return inline[(int) index];
            }
            int size = typeSize(type);
            ByteBuffer buffer = ByteBuffer.allocate(size).order(order);
            long position = offset + index * size; // cannot overflow: the values were checked to lie in the file
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new EOFException("value " + index + " lies beyond the end of the file");
                }
            }
            return integer(buffer.flip(), 0, type);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long length;
    private final ByteOrder order;
    private final boolean bigTiff;
    private final long firstOffset;
    /** Every directory parsed so far by offset: a SubIFD that many IFDs share is parsed once. */
    private final Map<Long, Directory> parsed = new HashMap<>();

    private TiffStructure(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.length = channel.size();
        ByteBuffer header = read(0, 16 <= length ? 16 : 8, "header");
        int b0 = header.get(0);
        int b1 = header.get(1);
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw invalid("not a TIFF file (no II or MM byte-order mark)");
        }
        header.order(order);
        int version = header.getShort(2) & 0xFFFF;
        if (version == 42) {
            bigTiff = false;
            firstOffset = header.getInt(4) & 0xFFFF_FFFFL;
        } else if (version == 43) {
            if (length < 16 || header.getShort(4) != 8 || header.getShort(6) != 0) {
                throw invalid("BigTIFF header is malformed");
            }
            bigTiff = true;
            firstOffset = header.getLong(8);
        } else {
            throw invalid("not a TIFF file (version " + version + ", expected 42 or 43)");
        }
    }

    /**
     * The main chain of directories, each with its SubIFDs read as well ({@code subDirectories}). Descriptions
     * are read from the file when asked for, within a budget for the whole file.
     */
    static final class Layout {
        private final Path file;
        private final Opener opener;
        private final boolean bigTiff;
        private final ByteOrder order;
        private final List<Directory> chain;
        private final List<List<Directory>> subDirectories;
        private long textBytesRead;

        private Layout(Path file, Opener opener, boolean bigTiff, ByteOrder order, List<Directory> chain,
                List<List<Directory>> subDirectories) {
            this.file = file;
            this.opener = opener;
            this.bigTiff = bigTiff;
            this.order = order;
            this.chain = chain;
            this.subDirectories = subDirectories;
        }

        boolean bigTiff() {
            return bigTiff;
        }

        ByteOrder order() {
            return order;
        }

        List<Directory> chain() {
            return chain;
        }

        List<List<Directory>> subDirectories() {
            return subDirectories;
        }

        /** The ImageDescription of {@code directory} ("" if it has none), read from the file now. */
        String description(Directory directory) throws IOException {
            return text(directory.description(), MAX_TEXT_BYTES);
        }

        /** The first line of its ImageDescription, reading at most {@value FIRST_LINE_BYTES} bytes. */
        String descriptionFirstLine(Directory directory) throws IOException {
            return text(directory.description(), FIRST_LINE_BYTES).lines().findFirst().orElse("");
        }

        private synchronized String text(Text text, int limit) throws IOException {
            int size = Math.min(text.length(), limit);
            if (size > MAX_TEXT_BYTES_READ - textBytesRead) {
                throw new InvalidInputException(file, "reading a description of " + size + " bytes makes the"
                        + " descriptions read longer than " + MAX_TEXT_BYTES_READ + " bytes in all");
            }
            textBytesRead += size;
            ByteBuffer bytes;
            if (text.offset() < 0) {
                bytes = ByteBuffer.wrap(text.inline(), 0, size);
            } else {
                try (FileChannel channel = opener.open(file)) {
                    bytes = TiffStructure.read(channel, text.offset(), size, "description", file);
                }
            }
            int end = 0;
            while (end < bytes.limit() && bytes.get(end) != 0) {
                end++;
            }
            return new String(bytes.array(), 0, end, StandardCharsets.UTF_8);
        }
    }

    static Layout read(Path file) throws IOException {
        return read(file, path -> FileChannel.open(path, StandardOpenOption.READ));
    }

    static Layout read(Path file, Opener opener) throws IOException {
        try (FileChannel channel = opener.open(file)) {
            TiffStructure structure = new TiffStructure(file, channel);
            List<Directory> chain = structure.chain(structure.firstOffset);
            if (chain.isEmpty()) {
                throw structure.invalid("the TIFF holds no image");
            }
            List<List<Directory>> subs = new ArrayList<>();
            for (Directory directory : chain) {
                List<Directory> sub = new ArrayList<>();
                for (long offset : directory.subIfds()) {
                    sub.add(structure.parse(offset, "SubIFD"));
                }
                subs.add(sub);
            }
            return new Layout(file, opener, structure.bigTiff, structure.order, chain, subs);
        }
    }

    private List<Directory> chain(long offset) throws IOException {
        List<Directory> directories = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (offset != 0) {
            if (!seen.add(offset)) {
                throw invalid("IFD chain loops back to offset " + offset);
            }
            directories.add(parse(offset, "IFD " + directories.size()));
            offset = next(offset);
        }
        return directories;
    }

    /** The directory at {@code offset}, parsed on first use only. */
    private Directory parse(long offset, String name) throws IOException {
        Directory known = parsed.get(offset);
        if (known != null) {
            return known;
        }
        if (parsed.size() == MAX_DIRECTORIES) {
            throw invalid("more than " + MAX_DIRECTORIES + " IFDs");
        }
        Directory directory = directory(offset, name + " at offset " + offset);
        parsed.put(offset, directory);
        return directory;
    }

    /** The offset of the directory that follows the one at {@code offset} (0 for none). */
    private long next(long offset) throws IOException {
        int countSize = bigTiff ? 8 : 2;
        ByteBuffer head = read(offset, countSize, "IFD at offset " + offset);
        long entries = bigTiff ? head.getLong(0) : head.getShort(0) & 0xFFFF;
        long tail = offset + countSize + entries * (bigTiff ? 20 : 12);
        ByteBuffer next = read(tail, bigTiff ? 8 : 4, "IFD at offset " + offset);
        return bigTiff ? next.getLong(0) : next.getInt(0) & 0xFFFF_FFFFL;
    }

    private Directory directory(long offset, String where) throws IOException {
        int countSize = bigTiff ? 8 : 2;
        int entrySize = bigTiff ? 20 : 12;
        ByteBuffer head = read(offset, countSize, where);
        long entries = bigTiff ? head.getLong(0) : head.getShort(0) & 0xFFFF;
        if (entries <= 0 || entries > MAX_ENTRIES) {
            throw invalid(where + " has " + entries + " entries");
        }
        ByteBuffer table = read(offset + countSize, (int) entries * entrySize + (bigTiff ? 8 : 4), where);
        Fields fields = new Fields();
        for (int i = 0; i < entries; i++) {
            fields.read(table, i * entrySize, where);
        }
        return fields.toDirectory(offset, where);
    }

    /** The tags of one directory as they are read. */
    private final class Fields {
        long width = -1;
        long height = -1;
        long tileWidth = -1;
        long tileHeight = -1;
        long rowsPerStrip = -1;
        long samples = 1;
        long bits = 1;
        long compression = 1;
        long photometric = -1;
        long subfileType;
        long predictor = 1;
        long planar = 1;
        Values offsets;
        Values byteCounts;
        Text description = Text.NONE;
        double xResolution = Double.NaN;
        long resolutionUnit = 2;
        long[] subIfds = new long[0];

        void read(ByteBuffer table, int at, String where) throws IOException {
            int tag = table.getShort(at) & 0xFFFF;
            int type = table.getShort(at + 2) & 0xFFFF;
            long count = bigTiff ? table.getLong(at + 4) : table.getInt(at + 4) & 0xFFFF_FFFFL;
            int valueAt = at + (bigTiff ? 12 : 8);
            int size = typeSize(type);
            if (size == 0) {
                return; // unknown type: skipped, as the TIFF specification asks
            }
            if (count < 0 || count > length / size + 8) {
                throw invalid(where + ": tag " + tag + " claims " + count + " values, more than the file holds");
            }
            long bytes = count * size;
            boolean inline = bytes <= (bigTiff ? 8 : 4);
            long dataOffset = inline ? -1 : bigTiff ? table.getLong(valueAt) : table.getInt(valueAt) & 0xFFFF_FFFFL;
            if (!inline && (dataOffset < 0 || dataOffset > length - bytes)) {
                throw invalid(where + ": values of tag " + tag + " lie beyond the end of the file (truncated?)");
            }
            switch (tag) {
                case 254 -> subfileType = first(table, valueAt, type, count, dataOffset);
                case 256 -> width = first(table, valueAt, type, count, dataOffset);
                case 257 -> height = first(table, valueAt, type, count, dataOffset);
                case 258 -> bits = first(table, valueAt, type, count, dataOffset);
                case 259 -> compression = first(table, valueAt, type, count, dataOffset);
                case 262 -> photometric = first(table, valueAt, type, count, dataOffset);
                case 270 -> description = text(table, valueAt, count, inline, dataOffset, where);
                case 273, 324 -> offsets = values(table, valueAt, type, count, dataOffset);
                case 279, 325 -> byteCounts = values(table, valueAt, type, count, dataOffset);
                case 284 -> planar = first(table, valueAt, type, count, dataOffset);
                case 317 -> predictor = first(table, valueAt, type, count, dataOffset);
                case 277 -> samples = first(table, valueAt, type, count, dataOffset);
                case 278 -> rowsPerStrip = first(table, valueAt, type, count, dataOffset);
                case 282 -> xResolution = rational(table, valueAt, type, inline, dataOffset);
                case 296 -> resolutionUnit = first(table, valueAt, type, count, dataOffset);
                case 322 -> tileWidth = first(table, valueAt, type, count, dataOffset);
                case 323 -> tileHeight = first(table, valueAt, type, count, dataOffset);
                case 330 -> subIfds = offsets(table, valueAt, type, count, inline, dataOffset, where);
                default -> {
                }
            }
        }

        Directory toDirectory(long offset, String where) {
            if (width <= 0 || height <= 0) {
                throw invalid(where + ": image size " + width + "x" + height + " is missing or invalid");
            }
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw invalid(where + ": image size " + width + "x" + height + " exceeds " + MAX_SIDE
                        + " px on a side");
            }
            if (samples < 1 || samples > 16 || bits < 1 || bits > 64) {
                throw invalid(where + ": " + samples + " samples of " + bits + " bits per pixel are not supported");
            }
            boolean tiled = tileWidth > 0 || tileHeight > 0;
            long chunks;
            if (tiled) {
                if (tileWidth <= 0 || tileHeight <= 0 || tileWidth > 1 << 16 || tileHeight > 1 << 16) {
                    throw invalid(where + ": tile size " + tileWidth + "x" + tileHeight + " is invalid");
                }
                if (tileWidth * tileHeight > MAX_TILE_PIXELS) {
                    throw invalid(where + ": tiles of " + tileWidth + "x" + tileHeight + " px are too large to decode");
                }
                chunks = ceilDiv(width, tileWidth) * ceilDiv(height, tileHeight);
            } else {
                rowsPerStrip = rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
                chunks = ceilDiv(height, rowsPerStrip);
            }
            for (Values values : new Values[] {offsets, byteCounts}) {
                long found = values == null ? 0 : values.count();
                if (found < chunks) {
                    throw invalid(where + ": " + found + " " + (tiled ? "tile" : "strip") + " offsets or byte counts"
                            + " for a " + width + "x" + height + " image that needs " + chunks + " (truncated or corrupt)");
                }
            }
            return new Directory(offset, (int) width, (int) height, tiled, (int) tileWidth, (int) tileHeight,
                    (int) rowsPerStrip, (int) samples, (int) bits, (int) compression, (int) photometric,
                    (int) predictor, (int) planar, subfileType, description, xResolution, (int) resolutionUnit, subIfds,
                    offsets, byteCounts);
        }
    }

    private long first(ByteBuffer table, int valueAt, int type, long count, long dataOffset) throws IOException {
        if (count == 0) {
            return -1;
        }
        ByteBuffer source = dataOffset < 0 ? table : read(dataOffset, typeSize(type), "tag value");
        return integer(source, dataOffset < 0 ? valueAt : 0, type);
    }

    private static Values values(ByteBuffer table, int valueAt, int type, long count, long dataOffset) {
        if (dataOffset >= 0) {
            return new Values(type, count, dataOffset, null);
        }
        long[] inline = new long[(int) count];
        for (int i = 0; i < count; i++) {
            inline[i] = integer(table, valueAt + i * typeSize(type), type);
        }
        return new Values(type, count, -1, inline);
    }

    /** The usual name of a TIFF compression code. */
    static String compressionName(int code) {
        return switch (code) {
            case 1 -> "none";
            case 5 -> "LZW";
            case 6, 7 -> "JPEG";
            case 8, 32946 -> "Deflate";
            case 32773 -> "PackBits";
            case 33003, 33005, 34712 -> "JPEG 2000";
            default -> "code " + code;
        };
    }

    /** An unsigned integer of a TIFF type at a position of a buffer; -1 for types that are not integers. */
    static long integer(ByteBuffer source, int at, int type) {
        return switch (type) {
            case 1, 6, 7 -> source.get(at) & 0xFF;
            case 3, 8 -> source.getShort(at) & 0xFFFF;
            case 4, 9, 13 -> source.getInt(at) & 0xFFFF_FFFFL;
            case 16, 17, 18 -> source.getLong(at);
            default -> -1;
        };
    }

    private double rational(ByteBuffer table, int valueAt, int type, boolean inline, long dataOffset)
            throws IOException {
        if (type != 5) {
            return Double.NaN;
        }
        ByteBuffer source = inline ? table : read(dataOffset, 8, "resolution");
        int at = inline ? valueAt : 0;
        long denominator = source.getInt(at + 4) & 0xFFFF_FFFFL;
        return denominator == 0 ? Double.NaN : (source.getInt(at) & 0xFFFF_FFFFL) / (double) denominator;
    }

    /** Where the description lies, checked against the file; its bytes are not read here. */
    private Text text(ByteBuffer table, int valueAt, long count, boolean inline, long dataOffset, String where) {
        if (count > MAX_TEXT_BYTES) {
            throw invalid(where + ": description of " + count + " bytes is longer than " + MAX_TEXT_BYTES + " bytes");
        }
        if (!inline) {
            return new Text(dataOffset, (int) count, null);
        }
        byte[] bytes = new byte[(int) count];
        table.get(valueAt, bytes);
        return new Text(-1, bytes.length, bytes);
    }

    private long[] offsets(ByteBuffer table, int valueAt, int type, long count, boolean inline, long dataOffset,
            String where) throws IOException {
        if (count > MAX_SUB_IFDS) {
            throw invalid(where + ": " + count + " SubIFDs");
        }
        int size = typeSize(type);
        ByteBuffer source = inline ? table : read(dataOffset, (int) count * size, where);
        int at = inline ? valueAt : 0;
        long[] values = new long[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = size == 8 ? source.getLong(at + 8 * i) : source.getInt(at + 4 * i) & 0xFFFF_FFFFL;
        }
        return values;
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    private ByteBuffer read(long offset, int size, String what) throws IOException {
        return read(channel, offset, size, what, file).order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
    }

    private static ByteBuffer read(FileChannel channel, long offset, int size, String what, Path file)
            throws IOException {
        long length = channel.size();
        if (offset < 0 || offset > length - size) {
            throw new InvalidInputException(file, what + " lies beyond the end of the file (" + length
                    + " bytes): truncated?");
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new InvalidInputException(file, what + ": unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private InvalidInputException invalid(String problem) {
        return new InvalidInputException(file, problem);
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
