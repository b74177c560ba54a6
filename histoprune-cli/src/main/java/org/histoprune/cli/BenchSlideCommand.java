package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.histoprune.image.RgbImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RegionSource;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.io.TiledTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench slide}: opens a huge pyramidal JPEG-tiled TIFF and reads one region, reporting time and peak heap.
 * The slide is generated once (with {@link TiledTiffWriter}, from a cheap synthetic pattern) and kept for later runs.
 */
@Command(name = "slide", mixinStandardHelpOptions = true,
        description = "Open a pyramidal JPEG-tiled TIFF of SIZE x SIZE px (generated once and cached) and read one "
                + "region at full resolution; prints open ms, read ms and peak heap MB. Run with -Xmx512m to "
                + "prove the heap bound.")
final class BenchSlideCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "50000",
            description = "Width and height of the slide (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--region", paramLabel = "PX", defaultValue = "1024",
            description = "Side of the square region read (default: ${DEFAULT-VALUE}).")
    private int region;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where the generated slide is kept (default: <java.io.tmpdir>/histoprune-bench).")
    private Path cache;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        if (size < 1024 || region < 1 || region > size) {
            throw new InvalidInputException("--size must be at least 1024 and --region in 1.." + size);
        }
        Path directory = cache != null ? cache : Path.of(System.getProperty("java.io.tmpdir"), "histoprune-bench");
        Path slide = directory.resolve("slide-" + size + "-jpeg512.tif");
        double createSeconds = 0;
        boolean created = !Files.isRegularFile(slide);
        if (created) {
            spec.commandLine().getErr().println("generating " + slide + " (once; it is reused by later runs) ...");
            long start = System.nanoTime();
            new TiledTiffWriter(TiledTiffWriter.Options.defaults().withJpegQuality(0.8f).withMicronsPerPixel(0.25))
                    .write(new SyntheticTissue(), size, size, slide);
            createSeconds = (System.nanoTime() - start) / 1e9;
        }
        double createPeakMb = peakHeapMb();
        System.gc();
        resetPeaks();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long startCpu = threads.getCurrentThreadCpuTime();
        SlideReaderRegistry registry = SlideReaderRegistry.withInstalledReaders();
        double openMs;
        double readMs;
        double openCpuMs;
        double readCpuMs;
        int levels;
        try (SlideReader reader = registry.open(slide)) {
            openMs = (System.nanoTime() - start) / 1e6;
            openCpuMs = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
            levels = reader.levels().size();
            // Off the tile grid, as a viewer's request usually is: the region spans 3 x 3 tiles of 512 px.
            int x = size / 2 - region / 2 + 77;
            int y = size / 2 - region / 2 + 133;
            long readStart = System.nanoTime();
            long readStartCpu = threads.getCurrentThreadCpuTime();
            RgbImage pixels = reader.readRegion(0, x, y, region, region);
            readMs = (System.nanoTime() - readStart) / 1e6;
            readCpuMs = (threads.getCurrentThreadCpuTime() - readStartCpu) / 1e6;
            double error = meanGreenError(pixels, x, y);
            if (error > 12) {
                throw new IllegalStateException("the region read back differs from the generated pattern by " + error);
            }
        }
        double peakMb = peakHeapMb();
        double maxHeapMb = Runtime.getRuntime().maxMemory() / 1048576.0;
        // Wall times on a shared machine mean little without the load; CPU times of this thread are steadier.
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("benchmark", "slide");
            root.put("file", slide.toString());
            root.put("file_mb", round(Files.size(slide) / 1048576.0));
            root.put("width", size);
            root.put("height", size);
            root.put("levels", levels);
            root.put("region", region);
            root.put("generated", created);
            if (created) {
                root.put("generate_s", round(createSeconds));
                root.put("generate_peak_heap_mb", round(createPeakMb));
            }
            root.put("open_ms", round(openMs));
            root.put("read_ms", round(readMs));
            root.put("open_read_ms", round(openMs + readMs));
            root.put("open_cpu_ms", round(openCpuMs));
            root.put("read_cpu_ms", round(readCpuMs));
            root.put("load_average", round(loadAverage));
            root.put("peak_heap_mb", round(peakMb));
            root.put("max_heap_mb", round(maxHeapMb));
            out.println(mapper.writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "slide %s: %dx%d px, %d levels, %.1f MB%n", slide, size, size, levels,
                    Files.size(slide) / 1048576.0);
            if (created) {
                out.printf(Locale.ROOT, "generated in %.1f s (peak heap %.0f MB)%n", createSeconds, createPeakMb);
            }
            out.printf(Locale.ROOT, "open %.1f ms (CPU %.1f), read %dx%d %.1f ms (CPU %.1f), peak heap %.1f MB of %.0f MB,"
                    + " load average %.1f%n", openMs, openCpuMs, region, region, readMs, readCpuMs, peakMb, maxHeapMb,
                    loadAverage);
        }
        return 0;
    }

    /** Mean absolute difference of the green channel from the pattern, over every 7th pixel (JPEG is lossy). */
    private static double meanGreenError(RgbImage pixels, int x, int y) {
        long sum = 0;
        int count = 0;
        for (int j = 0; j < pixels.height(); j += 7) {
            for (int i = 0; i < pixels.width(); i += 7) {
                sum += Math.abs(RgbImage.green(pixels.get(i, j)) - RgbImage.green(SyntheticTissue.colour(x + i, y + j)));
                count++;
            }
        }
        return sum / (double) count;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Sum of the peak use of every heap pool since the last reset (an upper bound of the true peak). */
    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** A cheap H&E-like pattern: pink stroma with a grid of purple nuclei, cheap enough for 2.5 gigapixels. */
    static final class SyntheticTissue implements RegionSource {
        static int colour(int x, int y) {
            int cellX = x & 63;
            int cellY = y & 63;
            int dx = cellX - 32;
            int dy = cellY - 32;
            int jitter = ((x >> 6) * 73 ^ (y >> 6) * 151) & 15;
            if (dx * dx + dy * dy < 120 + 8 * jitter) {
                return RgbImage.pack(95 + jitter, 60 + jitter, 150 + jitter);
            }
            int fibre = ((x + 2 * y) >> 3) & 7;
            return RgbImage.pack(235 - fibre, 170 + 2 * fibre, 205 - fibre);
        }

        @Override
        public RgbImage render(int x, int y, int width, int height) {
            int[] rgb = new int[width * height];
            for (int j = 0; j < height; j++) {
                for (int i = 0; i < width; i++) {
                    rgb[j * width + i] = colour(x + i, y + j);
                }
            }
            return new RgbImage(width, height, rgb);
        }
    }
}
