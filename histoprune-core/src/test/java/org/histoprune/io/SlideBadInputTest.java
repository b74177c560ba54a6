package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files give one typed error naming the file: never an OutOfMemoryError, a hang or a stack trace. */
class SlideBadInputTest {
    @TempDir
    Path dir;
    final SlideReaderRegistry registry = SlideReaderRegistry.withInstalledReaders();

    @Test
    void missingEmptyAndDirectoryInputsAreNamed() throws IOException {
        assertMessage(dir.resolve("absent.tif"), "file not found");
        Path empty = Files.createFile(dir.resolve("empty.tif"));
        assertMessage(empty, "the file is empty (0 bytes)");
        Path folder = Files.createDirectory(dir.resolve("folder.svs"));
        assertMessage(folder, "not a regular file");
    }

    @Test
    void wrongMagicBytesAreAnUnsupportedFormat() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.tif"), "this is not a TIFF at all\n");
        assertMessage(text, "not an image or slide in a supported format");
        Path noise = Files.write(dir.resolve("noise.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertMessage(noise, "not an image or slide in a supported format");
        Path badVersion = Files.write(dir.resolve("version.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        assertMessage(badVersion, "has 0 entries");
    }

    @Test
    void aPngNamedTifIsReadByWhatItIs() throws IOException {
        Path png = dir.resolve("really-a-png.tif");
        javax.imageio.ImageIO.write(SlideFixtures.image(SlideFixtures::sharp, 20, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        try (SlideReader reader = registry.open(png)) {
            assertEquals(20, reader.width());
            assertEquals(SlideFixtures.sharp(3, 4), reader.readRegion(0, 0, 0, 20, 10).get(3, 4));
        }
    }

    @Test
    void truncatedFilesOfEveryFlavourFailCleanlyOrReadTheSamePixels() throws IOException {
        Path flavours = Files.createDirectory(dir.resolve("flavours"));
        int failures = 0;
        for (SlideFixtures.Flavour flavour : SlideFixtures.all(flavours)) {
            byte[] bytes = Files.readAllBytes(flavour.file());
            long whole = readEverything(flavour.file());
            for (double keep : new double[] {0.1, 0.5, 0.9}) {
                Path cut = dir.resolve("cut-" + keep + "-" + flavour.file().getFileName());
                Files.write(cut, Arrays.copyOf(bytes, (int) (bytes.length * keep)));
                try {
                    // Cutting only pages outside the pyramid (an SVS macro image) leaves the slide intact.
                    assertEquals(whole, readEverything(cut), flavour + " cut to " + keep + " read different pixels");
                } catch (InvalidInputException e) {
                    assertTrue(e.getMessage().startsWith(cut.toString() + ": "), e.getMessage());
                    failures++;
                }
            }
        }
        assertTrue(failures >= 40, "most truncations must be detected, got " + failures);
    }

    @Test
    void aTiffClaimingAMillionByAMillionTiledPixelsIsRefusedWithoutAllocating() throws IOException {
        // 3907 x 3907 tiles of 256 px would need 15 million tile offsets; the file has a few bytes.
        Path file = tiff(dir.resolve("huge-tiled.tif"), 1_000_000, 1_000_000, List.of(
                entry(322, 3, 256), entry(323, 3, 256), entry(324, 4, 15_264_649, 8), entry(325, 4, 15_264_649, 8)));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(file));
        assertTrue(error.getMessage().contains("more than the file holds"), error.getMessage());
    }

    @Test
    void aTiffClaimingAMillionByAMillionStripedPixelsIsRefusedWithoutAllocating() throws IOException {
        // One strip of 10^12 pixels: consistent tags, but no decoder may allocate it.
        Path file = tiff(dir.resolve("huge-striped.tif"), 1_000_000, 1_000_000, List.of(
                entry(273, 4, 1, 8), entry(278, 4, 1_000_000), entry(279, 4, 1, 100)));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> readEverything(file));
        assertTrue(error.getMessage().contains("too large"), error.getMessage());
    }

    @Test
    void aTiffClaimingAMillionByAMillionWithSmallStripsFailsAtTheFirstRead() throws IOException {
        // 8 strips of 125,000 rows declared inline-free: the offsets array lies beyond the file.
        Path file = tiff(dir.resolve("huge-rows.tif"), 1_000_000, 1_000_000, List.of(
                entry(273, 4, 1_000_000, 8), entry(278, 4, 1), entry(279, 4, 1_000_000, 8)));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> readEverything(file));
        assertTrue(error.getMessage().contains("more than the file holds"), error.getMessage());
    }

    @Test
    void aPngClaimingAMillionByAMillionPixelsFailsWhenDecoded() throws IOException {
        Path png = dir.resolve("huge.png");
        javax.imageio.ImageIO.write(SlideFixtures.image(SlideFixtures::sharp, 16, 16,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        ByteBuffer.wrap(bytes).putInt(16, 1_000_000).putInt(20, 1_000_000); // IHDR width and height (CRC now wrong)
        Files.write(png, bytes);
        assertThrows(InvalidInputException.class, () -> readEverything(png));
    }

    @Test
    void aTiffWhoseTileWidthSays256MillionIsRefusedAndNeverReachesOpenSlide() throws IOException {
        // OpenSlide, given this file, asked for 262 GB and aborted the JVM (GLib-ERROR).
        Path file = SlideFixtures.tileWidthBomb(dir.resolve("wide-tiles.tif"));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(file));
        assertTrue(error.getMessage().contains("tile size 256000000x256 is invalid"), error.getMessage());
        OpenSlideReaderProvider openSlide = new OpenSlideReaderProvider();
        Assumptions.assumeTrue(openSlide.available(), "libopenslide0 is not installed: OpenSlide's side not tested");
        error = assertThrows(InvalidInputException.class, () -> openSlide.open(file));
        assertTrue(error.getMessage().contains("tile size 256000000x256 is invalid"), error.getMessage());
        // NDPI skips our walker (its offsets wrap past 4 GB): OpenSlide's abort happens in the probe's process.
        Path ndpi = Files.copy(file, dir.resolve("wide-tiles.ndpi"));
        error = assertThrows(InvalidInputException.class, () -> openSlide.open(ndpi));
        assertTrue(error.getMessage().startsWith(ndpi + ": OpenSlide crashed on it in a test process"),
                error.getMessage());
    }

    @Test
    void aBigTiffOffsetNearLongMaxIsBeyondTheFileNotAnOverflow() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0)
                .putLong(Long.MAX_VALUE - 4);
        Path file = Files.write(dir.resolve("far.tif"), header.array());
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(file));
        assertTrue(error.getMessage().contains("beyond the end of the file"), error.getMessage());
    }

    @Test
    void walkingReadsNoDescriptionUntilOneIsAskedFor() throws IOException {
        // 4000 IFDs whose descriptions all point at one 16 MiB blob: 64 GiB if each were read.
        int blob = 16 << 20;
        ByteBuffer chained = chainedCopies(dir.resolve("descriptions.tif"), List.of(entry(270, 2, blob, 0),
                entry(273, 4, 1, 8), entry(279, 4, 1, 48)), 4000, 270, blob);
        int blobAt = chained.capacity() - blob;
        String text = "Aperio Image Library v12.0.15 \r\n4x4 |MPP = 0.25";
        Arrays.fill(chained.array(), blobAt, blobAt + blob - 1, (byte) ' ');
        chained.put(blobAt, text.getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("descriptions.tif"), chained.array());
        AtomicLong bytesRead = new AtomicLong();

        TiffStructure.Layout layout = TiffStructure.read(file, path -> new CountingChannel(path, bytesRead));
        assertEquals(4000, layout.chain().size());
        long walked = bytesRead.get();
        assertTrue(walked < blob, "walking read " + walked + " bytes: the IFDs, not one description");
        String description = layout.description(layout.chain().get(0));
        assertEquals(blob - 1, description.length());
        assertTrue(description.startsWith(text));
        assertEquals(blob, bytesRead.get() - walked, "asking for one description reads just that one");
        try (SlideReader reader = registry.open(file)) { // reads level 0's description only
            assertEquals("Aperio", reader.properties().get("vendor"));
            assertEquals(0.25, reader.micronsPerPixel().orElseThrow(), 1e-9);
        }
    }

    @Test
    void descriptionsReadAreBudgetedAcrossAllDirectories() throws IOException {
        // 5 IFDs whose descriptions all point at one 8 MiB blob: each alone is allowed, all of them are not.
        int blob = 8 << 20;
        ByteBuffer chained = chainedCopies(dir.resolve("budget.tif"), List.of(entry(270, 2, blob, 0),
                entry(273, 4, 1, 8), entry(279, 4, 1, 48)), 5, 270, blob);
        Path file = Files.write(dir.resolve("budget.tif"), chained.array());
        registry.open(file).close(); // the slide opens: only level 0's description is read
        TiffStructure.Layout layout = TiffStructure.read(file);
        for (int i = 0; i < 4; i++) {
            layout.description(layout.chain().get(i));
        }
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> layout.description(layout.chain().get(4)));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains("descriptions read longer than"), error.getMessage());
    }

    @Test
    void aSubIfdSharedByManyIfdsIsParsedOnce() throws IOException {
        // 2000 IFDs each listing the same 256 SubIFD offsets: half a million references to one directory.
        int count = 2000;
        ByteBuffer chained = chainedCopies(dir.resolve("shared-sub.tif"), List.of(entry(273, 4, 1, 8),
                entry(279, 4, 1, 48), entry(330, 4, 256, 0)), count, 330, 4 * 256);
        int subOffsets = chained.capacity() - 4 * 256;
        for (int s = 0; s < 256; s++) {
            chained.putInt(subOffsets + 4 * s, 8); // every SubIFD is the first IFD
        }
        Path file = Files.write(dir.resolve("shared-sub.tif"), chained.array());
        TiffStructure.Layout layout = TiffStructure.read(file);
        assertEquals(count, layout.chain().size());
        assertTrue(layout.subDirectories().stream().flatMap(List::stream).allMatch(d -> d == layout.chain().get(0)));
    }

    @Test
    void anIfdChainThatLoopsIsRefused() throws IOException {
        Path file = tiff(dir.resolve("loop.tif"), 4, 4, List.of(entry(273, 4, 1, 8), entry(279, 4, 1, 48)));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int entries = buffer.getShort(8);
        buffer.putInt(8 + 2 + 12 * entries, 8); // next IFD = this IFD
        Files.write(file, bytes);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(file));
        assertTrue(error.getMessage().contains("loops"), error.getMessage());
    }

    /** Opens the file and reads (up to 4096 px of) every level in bands; returns a checksum of the pixels. */
    private long readEverything(Path file) throws IOException {
        long checksum = 0;
        try (SlideReader reader = registry.open(file)) {
            for (int level = 0; level < reader.levels().size(); level++) {
                SlideReader.Level size = reader.levels().get(level);
                int width = Math.min(size.width(), 4096);
                int band = Math.max(1, Math.min(size.height(), (1 << 22) / width));
                for (int y = 0; y < Math.min(size.height(), 4096); y += band) {
                    checksum = 31 * checksum + Arrays.hashCode(reader.readRegion(level, 0, y, width, band).rgb());
                }
            }
        }
        return checksum;
    }

    private void assertMessage(Path file, String problem) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.open(file));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }

    private record Entry(int tag, int type, long count, long value) {
    }

    private static Entry entry(int tag, int type, long value) {
        return new Entry(tag, type, 1, value);
    }

    private static Entry entry(int tag, int type, long count, long value) {
        return new Entry(tag, type, count, value);
    }

    /**
     * {@code count} chained copies of the IFD of {@link #tiff} (4x4, with {@code entries}), followed by
     * {@code tailBytes} (zeros) to which the value of {@code tag} points in every copy: fill the tail, then write.
     */
    private static ByteBuffer chainedCopies(Path file, List<Entry> entries, int count, int tag, int tailBytes)
            throws IOException {
        byte[] one = Files.readAllBytes(tiff(file, 4, 4, entries));
        int ifdSize = one.length - 8 - 64;
        int tail = 8 + count * ifdSize;
        ByteBuffer chained = ByteBuffer.allocate(tail + tailBytes).order(ByteOrder.LITTLE_ENDIAN);
        chained.put(one, 0, 8);
        for (int i = 0; i < count; i++) {
            int at = 8 + i * ifdSize;
            chained.put(at, one, 8, ifdSize);
            int entryCount = chained.getShort(at);
            for (int e = 0; e < entryCount; e++) {
                if (chained.getShort(at + 2 + 12 * e) == tag) {
                    chained.putInt(at + 2 + 12 * e + 8, tail);
                }
            }
            chained.putInt(at + 2 + 12 * entryCount, i < count - 1 ? at + ifdSize : 0);
        }
        return chained;
    }

    /** A file channel that counts the bytes read through it. */
    private static final class CountingChannel extends FileChannel {
        private final FileChannel file;
        private final AtomicLong bytesRead;

        CountingChannel(Path path, AtomicLong bytesRead) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.READ);
            this.bytesRead = bytesRead;
        }

        private int counted(int read) {
            bytesRead.addAndGet(Math.max(0, read));
            return read;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return counted(file.read(dst));
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return counted(file.read(dst, position));
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            long read = file.read(dsts, offset, length);
            bytesRead.addAndGet(Math.max(0, read));
            return read;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            throw new UnsupportedOperationException("not counted");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("not counted");
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new NonWritableChannelException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new NonWritableChannelException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }

    /** A little-endian classic TIFF with one IFD at offset 8: size, 8-bit RGB, LZW, plus the given entries. */
    private static Path tiff(Path file, long width, long height, List<Entry> extra) throws IOException {
        List<Entry> entries = new java.util.ArrayList<>(List.of(entry(256, 4, width), entry(257, 4, height),
                entry(258, 3, 8), entry(259, 3, 5), entry(262, 3, 2), entry(277, 3, 3)));
        entries.addAll(extra);
        entries.sort(java.util.Comparator.comparingInt(Entry::tag));
        ByteBuffer buffer = ByteBuffer.allocate(8 + 2 + 12 * entries.size() + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.size());
        for (Entry entry : entries) {
            buffer.putShort((short) entry.tag()).putShort((short) entry.type()).putInt((int) entry.count());
            if (entry.type() == 3) {
                buffer.putShort((short) entry.value()).putShort((short) 0);
            } else {
                buffer.putInt((int) entry.value());
            }
        }
        buffer.putInt(0);
        Files.write(file, buffer.array());
        return file;
    }
}
