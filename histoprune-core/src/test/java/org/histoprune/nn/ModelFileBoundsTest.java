package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.histoprune.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes read from a model file are checked before anything is allocated: each test builds a file (or stream)
 * whose size field asks for gigabytes, which without the check is an OutOfMemoryError or a native allocation.
 */
class ModelFileBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aModelJsonZipBombIsRefusedWithoutReadingItAll() throws IOException {
        Path file = dir.resolve("bomb.hpm");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("model.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(spaces); // 64 MiB of whitespace, about 64 KB compressed
            }
            zip.write("{}".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NucleiModel.load(file));
        assertTrue(error.getMessage().startsWith(file + ": model.json is larger than"), error.getMessage());
    }

    @Test
    void aParameterOfAHugeRankOrByteCountIsRefusedBeforeAllocating() throws IOException {
        Path written = dir.resolve("written.hpm");
        try (NucleiModel model = NucleiModel.create(new UNetConfig(2, 1), 1)) {
            model.save(written);
        }
        // segmentation.tensors: int count, then per parameter UTF name, int rank, rank longs, boolean, int length.
        Path rank = rewrite(written, dir.resolve("rank.hpm"), "segmentation.tensors", bytes -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return buffer.putInt(4 + 2 + buffer.getShort(4), Integer.MAX_VALUE).array();
        });
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NucleiModel.load(rank));
        assertTrue(error.getMessage().contains("of rank 2147483647 does not fit"), error.getMessage());

        Path length = rewrite(written, dir.resolve("length.hpm"), "segmentation.tensors", bytes -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int rankAt = 4 + 2 + buffer.getShort(4);
            return buffer.putInt(rankAt + 4 + 8 * buffer.getInt(rankAt) + 1, Integer.MAX_VALUE).array();
        });
        error = assertThrows(InvalidInputException.class, () -> NucleiModel.load(length));
        assertTrue(error.getMessage().contains("holds 2147483647 bytes"), error.getMessage());
    }

    @Test
    void aModelWiderThanTheMaximumIsRefusedBeforeDjlInitialisesIt() throws IOException {
        Path written = dir.resolve("written.hpm");
        try (NucleiModel model = NucleiModel.create(new UNetConfig(2, 1), 1)) {
            model.save(written);
        }
        // base 256 at depth 6: a 16,384-filter bottleneck whose initialisation would take about 10 GB.
        Path wide = rewrite(written, dir.resolve("wide.hpm"), "model.json", bytes -> new String(bytes,
                StandardCharsets.UTF_8).replaceFirst("\"base\" : 2", "\"base\" : 256").replaceFirst("\"depth\" : 1",
                "\"depth\" : 6").getBytes(StandardCharsets.UTF_8));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NucleiModel.load(wide));
        assertTrue(error.getMessage().contains("wider than 4096 filters"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UNetConfig(2, 1, List.of(2, 2, 2, 2, 1 << 20, 2, 2)));
    }

    @Test
    void aPruningMaskClaimingMoreBytesThanItsWeightsIsRefused() throws IOException {
        byte[] stream = ints(100, Integer.MAX_VALUE);
        IOException error = assertThrows(IOException.class,
                () -> MaskSet.Mask.read(new DataInputStream(new ByteArrayInputStream(stream))));
        assertTrue(error.getMessage().contains("100 weights stored in 2147483647 bytes"), error.getMessage());
        byte[] negative = ints(-5, 0);
        assertThrows(IOException.class,
                () -> MaskSet.Mask.read(new DataInputStream(new ByteArrayInputStream(negative))));
    }

    @Test
    void optimizerStateOfTheWrongLengthIsRefusedBeforeAllocating() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            try (Adam adam = new Adam(block, manager)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeLong(0);
                out.writeInt(block.getParameters().size());
                out.writeUTF(block.getParameters().get(0).getKey());
                out.writeInt(Integer.MAX_VALUE);
                IOException error = assertThrows(IOException.class,
                        () -> adam.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
                assertTrue(error.getMessage().contains("has 2147483647 values"), error.getMessage());
            }
        }
    }

    private static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    /** Copies a model file with one entry changed by {@code edit}. */
    static Path rewrite(Path from, Path to, String name, UnaryOperator<byte[]> edit) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(name) ? edit.apply(bytes) : bytes);
                out.closeEntry();
            }
        }
        return to;
    }
}
