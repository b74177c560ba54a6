package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over the Java readers: small valid files of every flavour get bits flipped, bytes
 * overwritten with extreme values, inserted or cut off; every outcome must be a successful read or an
 * {@link InvalidInputException}. 300 mutations by default ({@code -Dfuzz.iterations=N} for more,
 * {@code -Dfuzz.seed=S} for other cases). OpenSlide is left out: a crash in native code would take the test JVM
 * down instead of failing one case.
 */
class SlideReaderFuzzTest {
    private static final long SEED = 20261122L;

    @TempDir
    Path dir;

    @Test
    void mutatedFilesEitherReadOrFailWithInvalidInput() throws IOException {
        int iterations = Integer.getInteger("fuzz.iterations", 300);
        List<byte[]> seeds = seeds();
        var registry = new SlideReaderRegistry(List.of(new TiffSlideReaderProvider(), new ImageIoSlideReaderProvider()));
        long seed0 = Long.getLong("fuzz.seed", SEED);
        Random random = new Random(seed0);
        int opened = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            StringBuilder how = new StringBuilder();
            byte[] mutated = mutate(seed, random, how);
            Path file = dir.resolve("case-" + i + (seed[0] == 'I' || seed[0] == 'M' ? ".tif" : ".img"));
            Files.write(file, mutated);
            String label = "case " + i + " (seed " + seed0 + ", " + how + ")";
            Throwable outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> readAll(registry, file), label);
            if (outcome == null) {
                opened++;
            } else if (outcome instanceof InvalidInputException invalid) {
                assertTrue(invalid.getMessage().startsWith(file + ": "), label + ": message must name the file: "
                        + invalid.getMessage());
                refused++;
            } else {
                Files.copy(file, dir.resolve("failing-" + i), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                fail(label + " threw " + outcome, outcome);
            }
            Files.delete(file);
        }
        assertTrue(opened > 0 && refused > 0, "the mutations should hit both outcomes: " + opened + " read, "
                + refused + " refused");
    }

    /** Opens a file and reads part of every level; returns what was thrown, or null. */
    private static Throwable readAll(SlideReaderRegistry registry, Path file) {
        try (SlideReader reader = registry.open(file)) {
            for (int level = 0; level < reader.levels().size(); level++) {
                SlideReader.Level size = reader.levels().get(level);
                reader.readRegion(level, 0, 0, Math.min(size.width(), 300), Math.min(size.height(), 300));
                reader.readRegion(level, size.width() / 2, size.height() / 2, 64, 64);
            }
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static byte[] mutate(byte[] seed, Random random, StringBuilder how) {
        byte[] bytes = seed.clone();
        int kind = random.nextInt(5);
        switch (kind) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                how.append("flip ").append(flips).append(" bits");
                for (int i = 0; i < flips; i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                // Extreme values where sizes, counts and offsets live: the header, the start, and near the end.
                int at = random.nextBoolean() ? random.nextInt(Math.min(bytes.length - 4, 64))
                        : bytes.length - 4 - random.nextInt(Math.min(bytes.length - 4, 2048));
                int value = new int[] {0, -1, Integer.MAX_VALUE, 0x10000, 1 << 20, 1_000_000}[random.nextInt(6)];
                how.append("write ").append(value).append(" at ").append(at);
                ByteBuffer.wrap(bytes).putInt(at, value);
            }
            case 2 -> {
                int length = random.nextInt(bytes.length);
                how.append("truncate to ").append(length);
                bytes = java.util.Arrays.copyOf(bytes, length);
            }
            case 3 -> {
                int at = random.nextInt(bytes.length);
                int count = 1 + random.nextInt(16);
                how.append("insert ").append(count).append(" bytes at ").append(at);
                byte[] inserted = new byte[count];
                random.nextBytes(inserted);
                byte[] grown = new byte[bytes.length + count];
                System.arraycopy(bytes, 0, grown, 0, at);
                System.arraycopy(inserted, 0, grown, at, count);
                System.arraycopy(bytes, at, grown, at + count, bytes.length - at);
                bytes = grown;
            }
            default -> {
                int at = random.nextInt(bytes.length);
                int count = Math.min(bytes.length - at, 1 + random.nextInt(32));
                how.append("randomise ").append(count).append(" bytes at ").append(at);
                for (int i = at; i < at + count; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
        }
        return bytes;
    }

    /** Small valid files of each kind the Java readers handle. */
    private List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        var options = TiledTiffWriter.Options.defaults().withTileSize(32);
        RegionSource sharp = SlideFixtures.source(SlideFixtures::sharp);
        seeds.add(write(options, sharp, "jpeg.tif"));
        seeds.add(write(options.withCompression(TiledTiffWriter.Compression.DEFLATE)
                .withLayout(TiledTiffWriter.PyramidLayout.SUB_IFDS), sharp, "deflate.tif"));
        seeds.add(write(options.withCompression(TiledTiffWriter.Compression.LZW).withBigTiff(true), sharp, "lzw.tif"));
        for (String format : new String[] {"png", "jpg", "bmp", "tiff"}) {
            Path file = dir.resolve("seed." + format);
            ImageIO.write(SlideFixtures.image(SlideFixtures::sharp, 70, 50, BufferedImage.TYPE_INT_RGB), format,
                    file.toFile());
            seeds.add(Files.readAllBytes(file));
        }
        return seeds;
    }

    private byte[] write(TiledTiffWriter.Options options, RegionSource source, String name) throws IOException {
        Path file = dir.resolve(name);
        new TiledTiffWriter(options).write(source, 90, 70, file);
        return Files.readAllBytes(file);
    }
}
