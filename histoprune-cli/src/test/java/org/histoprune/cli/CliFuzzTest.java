package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.histoprune.image.RgbImage;
import org.histoprune.io.HostileHeaders;
import org.histoprune.io.TiledTiffWriter;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real command line ({@code segment}, {@code info}) in a child JVM over mutated TIFF, PNG, JPEG and
 * model files, so that a native abort is seen as an abort and not as a dead test JVM. Every run must end with
 * exit 0, or exit 2 and a message naming the file: no abort or signal, no hang, no stack trace or internal
 * error. {@value #DEFAULT_CASES} cases by default (a few minutes); {@code -Dfuzz.cases=500} for a longer run,
 * {@code -Dfuzz.seed=N} for other mutations; failing inputs are kept in {@code target/fuzz-failures}. The
 * issue's reproducer (a tiled Deflate TIFF whose TileWidth says 256,000,000, on which OpenSlide aborted the
 * JVM) is a fixed case.
 */
class CliFuzzTest {
    private static final int DEFAULT_CASES = 60;
    private static final long TIMEOUT_SECONDS = 180;
    private static final long[] INTERESTING = {0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFFL, 0xFFFF_FFFFL, 65_536,
        256_000_000, 1_000_000};

    /** How a run ended. */
    enum Outcome { SUCCESS, REFUSED, UNNAMED_REFUSAL, STACK_TRACE, NATIVE_NOISE, OTHER_EXIT, ABORT, HANG }

    private record Run(Outcome outcome, int exit, String err) {
    }

    @TempDir
    Path dir;
    private Path model;
    private Path image;

    @Test
    void mutatedInputsNeverAbortHangOrPrintAStackTrace() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("fuzz.seed", 13);
        Map<String, byte[]> seeds = seeds();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<String> failures = new ArrayList<>();

        Path bomb = dir.resolve("tile-width-bomb.tif");
        Files.write(bomb, setTag(seeds.get("deflate.tif"), 322, 256_000_000));
        Path bombNdpi = Files.copy(bomb, dir.resolve("tile-width-bomb.ndpi"));
        for (Path fixed : List.of(bomb, bombNdpi)) {
            for (String command : List.of("segment", "info")) {
                Run run = run(command, fixed);
                assertEquals(Outcome.REFUSED, run.outcome(), command + " " + fixed + ": " + run.err());
            }
        }

        // found by seed 14: a PNG that declares 2^31 - 1 rows overflowed the label tile index (exit 1)
        Path tall = dir.resolve("height-bomb.png");
        Files.write(tall, HostileHeaders.withPngHeight(seeds.get("image.png"), Integer.MAX_VALUE));
        Run tallRun = run("segment", tall);
        assertEquals(Outcome.REFUSED, tallRun.outcome(), "segment " + tall + ": " + tallRun.err());

        List<String> names = new ArrayList<>(seeds.keySet());
        // Cases are independent child processes, run two at a time by default (-Dfuzz.parallel=N).
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("fuzz.parallel", 2));
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            int index = i;
            results.add(pool.submit(() -> fuzzCase(index, seed, names, seeds, counts)));
        }
        pool.shutdown();
        for (Future<String> result : results) {
            String failure = result.get();
            if (failure != null) {
                failures.add(failure);
            }
        }
        String summary = String.format(Locale.ROOT, "fuzz: %d cases (seed %d): %s", cases, seed, counts);
        System.out.println(summary);
        assertTrue(failures.isEmpty(), summary + "\n" + String.join("\n", failures));
    }

    /** One mutated file through one command; a description of the failure, or null. */
    private String fuzzCase(int i, long seed, List<String> names, Map<String, byte[]> seeds,
            Map<Outcome, Integer> counts) throws IOException, InterruptedException {
        Random random = new Random(seed * 1_000_003 + i);
        String name = names.get(i % names.size());
        Path file = dir.resolve("case-" + i + "-" + name);
        Files.write(file, mutate(name, seeds.get(name), random));
        String command = random.nextInt(3) == 0 ? "info" : "segment";
        Run run = run(command, file);
        synchronized (counts) {
            counts.merge(run.outcome(), 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "fuzz case %d: %s %s -> %s (exit %d)%n", i, command, file.getFileName(),
                run.outcome(), run.exit());
        String failure = null;
        if (run.outcome() != Outcome.SUCCESS && run.outcome() != Outcome.REFUSED) {
            Path kept = Files.copy(file, Files.createDirectories(Path.of("target", "fuzz-failures"))
                    .resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            failure = run.outcome() + " (exit " + run.exit() + ") " + command + " " + kept + ": "
                    + run.err().lines().limit(5).toList();
        }
        Files.deleteIfExists(file);
        return failure;
    }

    /** The files mutated: TIFFs of our writer (tiled JPEG and Deflate pyramids), PNG, JPEG and a tiny model. */
    private Map<String, byte[]> seeds() throws IOException {
        RgbImage pattern = pattern(300, 200);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (TiledTiffWriter.Compression compression : List.of(TiledTiffWriter.Compression.DEFLATE,
                TiledTiffWriter.Compression.JPEG)) {
            Path tiff = dir.resolve("seed.tif");
            new TiledTiffWriter(TiledTiffWriter.Options.defaults().withTileSize(64).withCompression(compression))
                    .write((x, y, w, h) -> crop(pattern, x, y, w, h), 300, 200, tiff);
            seeds.put(compression.name().toLowerCase(Locale.ROOT) + ".tif", Files.readAllBytes(tiff));
        }
        BufferedImage buffered = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, 300, 200, pattern.rgb(), 0, 300);
        for (String format : List.of("png", "jpg")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(buffered, format.equals("jpg") ? "jpeg" : format, bytes);
            seeds.put("image." + format, bytes.toByteArray());
        }
        model = dir.resolve("tiny.hpm");
        try (NucleiModel tiny = NucleiModel.create(new UNetConfig(2, 1), 1)) {
            tiny.save(model);
        }
        seeds.put("model.hpm", Files.readAllBytes(model));
        image = dir.resolve("input.png");
        Files.write(image, seeds.get("image.png"));
        return seeds;
    }

    private static RgbImage pattern(int width, int height) {
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double nucleus = Math.sin(x / 9.0) * Math.cos(y / 7.0);
                rgb[y * width + x] = nucleus > 0.5 ? RgbImage.pack(70, 40, 140) : RgbImage.pack(230, 170, 210);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static RgbImage crop(RgbImage source, int x, int y, int width, int height) {
        int[] rgb = new int[width * height];
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                int sx = x + i;
                int sy = y + j;
                rgb[j * width + i] = sx < source.width() && sy < source.height() ? source.get(sx, sy) : 0xFFFFFF;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** One mutation of a seed: structured (a TIFF tag, a PNG header field, a model entry) or bytes and cuts. */
    private static byte[] mutate(String name, byte[] seed, Random random) throws IOException {
        byte[] bytes = seed.clone();
        int kind = random.nextInt(4);
        if (kind == 0) {
            return java.util.Arrays.copyOf(bytes, 8 + random.nextInt(bytes.length - 8));
        }
        if (kind == 1 && name.endsWith(".tif")) {
            List<int[]> entries = entries(bytes);
            int[] entry = entries.get(random.nextInt(entries.size()));
            long value = INTERESTING[random.nextInt(INTERESTING.length)];
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            switch (random.nextInt(3)) {
                case 0 -> buffer.putShort(entry[0] + 2, (short) 4).putInt(entry[0] + 4, 1).putInt(entry[0] + 8,
                        (int) value); // the value, as one LONG
                case 1 -> buffer.putInt(entry[0] + 4, (int) value); // the count
                default -> buffer.putInt(entry[0] + 8, (int) value); // the value or its offset
            }
            return bytes;
        }
        if (kind == 1 && name.endsWith(".png")) {
            ByteBuffer.wrap(bytes).putInt(16 + 4 * random.nextInt(2), (int) INTERESTING[random.nextInt(
                    INTERESTING.length)]); // IHDR width or height
            return bytes;
        }
        if (kind == 1 && name.endsWith(".hpm")) {
            return mutateEntry(bytes, random);
        }
        int flips = 1 + random.nextInt(8);
        // Headers and directories decide allocations: most flips land in the first kilobytes.
        int span = random.nextBoolean() ? Math.min(bytes.length, 2048) : bytes.length;
        for (int f = 0; f < flips; f++) {
            bytes[random.nextInt(span)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Offsets of the entries of the first IFD of a little-endian classic TIFF. */
    private static List<int[]> entries(byte[] tiff) {
        ByteBuffer buffer = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = buffer.getInt(4);
        int count = buffer.getShort(ifd) & 0xFFFF;
        List<int[]> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new int[] {ifd + 2 + 12 * i});
        }
        return entries;
    }

    /** A PNG whose header declares {@code height} rows, its checksum made right again. */
    private static byte[] setTag(byte[] tiff, int tag, long value) {
        byte[] bytes = tiff.clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] entry : entries(bytes)) {
            if ((buffer.getShort(entry[0]) & 0xFFFF) == tag) {
                buffer.putShort(entry[0] + 2, (short) 4).putInt(entry[0] + 4, 1).putInt(entry[0] + 8, (int) value);
            }
        }
        return bytes;
    }

    /** The model re-zipped with one entry's uncompressed bytes changed (sizes, shapes, JSON numbers). */
    private static byte[] mutateEntry(byte[] zip, Random random) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        List<String> names = new ArrayList<>(entries.keySet());
        String name = names.get(random.nextInt(names.size()));
        byte[] content = entries.get(name);
        if (name.endsWith(".json")) {
            String text = new String(content, StandardCharsets.UTF_8);
            content = text.replaceFirst(": \\d+", ": " + INTERESTING[random.nextInt(INTERESTING.length)])
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            int at = random.nextInt(Math.min(content.length - 4, 256));
            ByteBuffer.wrap(content).putInt(at, (int) INTERESTING[random.nextInt(INTERESTING.length)]);
        }
        entries.put(name, content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream rezipped = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                rezipped.putNextEntry(new ZipEntry(entry.getKey()));
                rezipped.write(entry.getValue());
                rezipped.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** {@code segment} or {@code info} of the file in a child JVM; a model file is segmentation's model. */
    private Run run(String command, Path file) throws IOException, InterruptedException {
        boolean isModel = file.getFileName().toString().endsWith(".hpm");
        Path out = dir.resolve("out-" + file.getFileName());
        List<String> args = command.equals("info") ? List.of("info", file.toString())
                : List.of("segment", "--model", (isModel ? file : model).toString(), "--input",
                        (isModel ? image : file).toString(), "--out", out.toString(), "--threads", "1");
        List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        line.addAll(args);
        Path err = dir.resolve("err-" + file.getFileName() + "-" + command + ".txt");
        Process process = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            return new Run(Outcome.HANG, -1, Files.readString(err));
        }
        String text = Files.readString(err);
        int exit = process.exitValue();
        Outcome outcome;
        if (exit > 128 || text.contains("GLib-ERROR") || text.contains("A fatal error has been detected")) {
            outcome = Outcome.ABORT;
        } else if (exit == 1 || text.contains("\tat ") || text.contains("Exception in thread")
                || text.contains("internal error")) {
            outcome = Outcome.STACK_TRACE;
        } else if (exit == 2) {
            outcome = text.contains(file.getFileName().toString()) ? Outcome.REFUSED : Outcome.UNNAMED_REFUSAL;
        } else if (exit == 0) {
            // PyTorch's native warnings belong in its log, not on the user's terminal
            outcome = text.contains("[W") || text.contains("Warning:") ? Outcome.NATIVE_NOISE : Outcome.SUCCESS;
        } else {
            outcome = Outcome.OTHER_EXIT;
        }
        return new Run(outcome, exit, text);
    }
}
