package org.histoprune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.histoprune.data.HistologySettings;
import org.histoprune.data.SyntheticHistology;
import org.histoprune.data.SyntheticTile;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.RegionSource;
import org.histoprune.io.TiledTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code samples}: synthetic H&E tiles with exact labels, and/or a synthetic pyramidal slide. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = {"Generate synthetic H&E images with exact nucleus labels (deterministic per seed).",
            "--out writes tiles as images/NAME.png + labels/NAME.png (16-bit ids); tile i uses seed K+i.",
            "--slide writes one pyramidal tiled TIFF (JPEG tiles, 0.25 um/px) of the plane of seed K, without",
            "sensor noise (JPEG adds its own; noise on the glass would only cost bytes)."})
final class SamplesCommand implements Callable<Integer> {
    private static final double MICRONS_PER_PIXEL = 0.25;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for image + label pairs.")
    private Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "4", description = "Number of tiles (default ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--size", paramLabel = "S", defaultValue = "512", description = "Tile width and height, px (default ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "Seed of the first tile and of the slide (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--slide", paramLabel = "FILE", description = "Also write a pyramidal tiled TIFF here.")
    private Path slide;

    @Option(names = "--slide-size", paramLabel = "PX", defaultValue = "20000", description = "Slide width and height, px (default ${DEFAULT-VALUE}).")
    private int slideSize;

    @Option(names = "--tissue-fraction", paramLabel = "F", defaultValue = "0.15",
            description = "Share of the slide covered by tissue, the rest is glass (default ${DEFAULT-VALUE}).")
    private double tissueFraction;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "0.45", description = "JPEG quality of the slide tiles, 0..1 (default ${DEFAULT-VALUE}).")
    private float jpegQuality;

    @Override
    public Integer call() throws IOException {
        if (out == null && slide == null) {
            throw new ParameterException(spec.commandLine(), "give --out DIR, --slide FILE or both");
        }
        require(count >= 1 && count <= 100_000, "--count must be in 1..100000, got " + count);
        require(size >= 16 && size <= 8192, "--size must be in 16..8192, got " + size);
        require(slideSize >= 16 && slideSize <= 200_000, "--slide-size must be in 16..200000, got " + slideSize);
        require(tissueFraction > 0 && tissueFraction <= 1, "--tissue-fraction must be in (0, 1], got " + tissueFraction);
        require(jpegQuality > 0 && jpegQuality <= 1, "--jpeg-quality must be in (0, 1], got " + jpegQuality);
        PrintWriter printer = spec.commandLine().getOut();
        if (out != null) {
            writeTiles(printer);
        }
        if (slide != null) {
            writeSlide(printer);
        }
        printer.flush();
        return 0;
    }

    private void writeTiles(PrintWriter printer) throws IOException {
        for (int i = 0; i < count; i++) {
            long tileSeed = seed + i;
            String name = "synthetic-" + tileSeed;
            SyntheticTile tile = SyntheticHistology.tile(HistologySettings.defaults(), tileSeed, size, size);
            RasterFiles.writeRgbPng(tile.image(), out.resolve("images").resolve(name + ".png"));
            RasterFiles.writeLabels(tile.labels(), out.resolve("labels").resolve(name + ".png"));
            printer.println(name + ": " + size + "x" + size + " px, " + tile.labels().maxLabel() + " nuclei");
        }
        printer.println(count + " tiles written to " + out.resolve("images") + " and " + out.resolve("labels"));
    }

    private void writeSlide(PrintWriter printer) throws IOException {
        SyntheticHistology generator = new SyntheticHistology(
                HistologySettings.defaults().withTissueFraction(tissueFraction).withNoise(0), seed);
        TiledTiffWriter writer = new TiledTiffWriter(TiledTiffWriter.Options.defaults()
                .withJpegQuality(jpegQuality)
                .withMicronsPerPixel(MICRONS_PER_PIXEL)
                .withDescription("HistoPrune synthetic H&E slide, seed " + seed + ", tissue fraction " + tissueFraction
                        + " |MPP = " + MICRONS_PER_PIXEL));
        int tiles = (int) Math.pow(Math.ceil(slideSize / (double) writer.options().tileSize()), 2);
        writer.write(new Progress(generator::image, tiles, spec.commandLine().getErr()), slideSize, slideSize, slide);
        printer.printf("slide %s: %dx%d px, seed %d, %.1f MB%n", slide, slideSize, slideSize, seed,
                Files.size(slide) / 1e6);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Reports every tenth of the tiles rendered on stderr: a 20,000 px slide takes minutes. */
    private static final class Progress implements RegionSource {
        private final RegionSource source;
        private final int tiles;
        private final PrintWriter err;
        private int rendered;

        Progress(RegionSource source, int tiles, PrintWriter err) {
            this.source = source;
            this.tiles = tiles;
            this.err = err;
        }

        @Override
        public RgbImage render(int x, int y, int width, int height) {
            RgbImage image = source.render(x, y, width, height);
            rendered++;
            if (rendered * 10L / tiles != (rendered - 1) * 10L / tiles) {
                err.println("slide: " + rendered + " of " + tiles + " tiles");
                err.flush();
            }
            return image;
        }
    }
}
