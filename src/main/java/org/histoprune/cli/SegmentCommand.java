package org.histoprune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.GeoJsonWriter;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.Nucleus;
import org.histoprune.io.NucleusMeasurements;
import org.histoprune.io.NucleusTableWriter;
import org.histoprune.io.OverlayRenderer;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Prediction;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstancePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment}: image -> two networks -> merge step -> label image, outlines, table and overlay. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segment the nuclei of an image (or of every image in a folder) with a trained model.",
            "Writes labels.png (labels.tif past 65,535 nuclei), nuclei.geojson, nuclei.csv and overlay.png to --out;",
            "for a folder, one sub-folder per image."})
final class SegmentCommand implements Callable<Integer> {
    private static final long MAX_PIXELS = 1L << 28;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", description = "Model file (default: the bundled MoNuSeg model).")
    private Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "IMG", description = "Image file or folder of images.")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Option(names = "--maps", description = "Also write foreground.tif and distance.tif (32-bit float).")
    private boolean maps;

    @Option(names = "--tile", defaultValue = "512", description = "Tile side in pixels, a multiple of 16 (default: ${DEFAULT-VALUE}).")
    private int tile;

    @Option(names = "--overlap", defaultValue = "64", description = "Tile overlap, blended (default: ${DEFAULT-VALUE}).")
    private int overlap;

    @Option(names = "--tile-batch", defaultValue = "1", description = "Tiles per forward pass (default: ${DEFAULT-VALUE}).")
    private int tileBatch;

    @Option(names = "--workers", defaultValue = "1", description = "Forward passes at once (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Mixin
    private InstanceOptions instanceOptions;

    @Override
    public Integer call() throws IOException {
        Engines.configureThreads(threads);
        TilingOptions tiling;
        try {
            tiling = new TilingOptions(tile, overlap, tileBatch, workers);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        InstancePipeline pipeline = new InstancePipeline(instanceOptions.toParameters(spec));
        List<Path> images = images();
        SlideReaderRegistry readers = SlideReaderRegistry.withInstalledReaders();
        PrintWriter printer = spec.commandLine().getOut();
        try (NucleiModel model = openModel()) {
            for (Path image : images) {
                Path target = Files.isDirectory(input) ? out.resolve(stem(image)) : out;
                long start = System.nanoTime();
                int count = segment(model, readers, image, target, tiling, pipeline);
                printer.printf(Locale.ROOT, "%s: %d nuclei -> %s (%.1f s)%n", image.getFileName(), count, target,
                        (System.nanoTime() - start) / 1e9);
                printer.flush();
            }
        }
        return 0;
    }

    private int segment(NucleiModel model, SlideReaderRegistry readers, Path file, Path target, TilingOptions tiling,
            InstancePipeline pipeline) throws IOException {
        RgbImage image;
        java.util.OptionalDouble micronsPerPixel;
        try (SlideReader slide = readers.open(file)) {
            if ((long) slide.width() * slide.height() > MAX_PIXELS) {
                throw new InvalidInputException(file, "image of " + slide.width() + "x" + slide.height()
                        + " px is too large to segment whole; crop a region first");
            }
            image = slide.readRegion(0, 0, 0, slide.width(), slide.height());
            micronsPerPixel = slide.micronsPerPixel();
        }
        Prediction prediction = model.predict(image, tiling);
        LabelImage labels = pipeline.run(prediction.foreground(), prediction.distance());
        Files.createDirectories(target);
        RasterFiles.writeLabels(labels, target.resolve("labels.png"));
        List<Nucleus> nuclei = NucleusMeasurements.measure(labels, image, micronsPerPixel);
        GeoJsonWriter.write(nuclei, target.resolve("nuclei.geojson"));
        NucleusTableWriter.write(nuclei, target.resolve("nuclei.csv"));
        OverlayRenderer.write(image, labels, target.resolve("overlay.png"));
        if (maps) {
            RasterFiles.writeFloatMap(prediction.foreground(), target.resolve("foreground.tif"));
            RasterFiles.writeFloatMap(prediction.distance(), target.resolve("distance.tif"));
        }
        return nuclei.size();
    }

    private NucleiModel openModel() throws IOException {
        if (modelFile != null) {
            return NucleiModel.load(modelFile);
        }
        return NucleiModel.loadBundled().orElseThrow(() -> new InvalidInputException(
                "this build has no bundled model; give one with --model"));
    }

    private List<Path> images() throws IOException {
        if (!Files.exists(input)) {
            throw new InvalidInputException(input, "file not found");
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> files = Files.list(input)) {
            List<Path> images = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                            .matches(".*\\.(tif|tiff|png|jpg|jpeg|svs|bmp)"))
                    .sorted().toList();
            if (images.isEmpty()) {
                throw new InvalidInputException(input, "no images in this folder");
            }
            return images;
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
