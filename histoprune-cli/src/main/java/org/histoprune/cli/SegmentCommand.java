package org.histoprune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.SlideSegmenter;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstanceParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment}: image or slide -> two networks -> merge step -> label image, outlines, table and overlay. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segment the nuclei of an image or whole-slide image (or of every image in a folder) with a "
                + "trained model, block by block with bounded memory.",
            "Writes nuclei.geojson and nuclei.csv (level-0 coordinates), labels.png (or a tiled 32-bit labels.tif "
                + "for large regions or 65,536+ nuclei) and overlay.png (an overview) to --out;",
            "for a folder, one sub-folder per image. Ctrl-C stops after the current tile and writes nothing.",
            "Past one block, the sigma of the merge step (unless --sigma) is derived once, from the first block "
                + "with nuclei, so that all blocks agree."})
final class SegmentCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", defaultValue = "dense", description = "dense or fast (the bundled "
            + "MoNuSeg models: dense, or filter-pruned and fine-tuned) or a model file (default: ${DEFAULT-VALUE}).")
    private String modelName;

    @Option(names = "--input", required = true, paramLabel = "IMG", description = "Image file or folder of images.")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Option(names = "--region", paramLabel = "X,Y,W,H",
            description = "Only this rectangle, in pixels of --level (default: the whole image).")
    private String regionText;

    private int[] region;

    @Option(names = "--level", defaultValue = "0", description = "Pyramid level to segment (default: ${DEFAULT-VALUE}).")
    private int level;

    @Option(names = "--maps", description = "Also write foreground.tif and distance.tif (32-bit float; regions "
            + "up to 2^25 px).")
    private boolean maps;

    @Mixin
    private BlockOptions blockOptions;

    @Mixin
    private ThreadOptions engine;

    @Mixin
    private InstanceOptions instanceOptions;

    @Override
    public Integer call() throws IOException {
        engine.configureEngine();
        SlideSegmenter.Blocks blocks = blockOptions.blocks(spec);
        try {
            region = regionText == null ? null
                    : java.util.Arrays.stream(regionText.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
        } catch (NumberFormatException e) {
            region = new int[0];
        }
        if (region != null && region.length != 4) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--region needs X,Y,W,H");
        }
        InstanceParameters parameters = instanceOptions.toParameters(spec);
        List<Path> images = images();
        SlideReaderRegistry readers = SlideReaderRegistry.withInstalledReaders();
        // Every input is opened and its region checked before the model (seconds of native start-up) is loaded.
        List<SlideSegmenter.Region> areas = new ArrayList<>();
        for (Path image : images) {
            try (SlideReader slide = readers.open(image)) {
                areas.add(region(slide, image));
            }
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: stop after the current tile; the unfinished files are deleted before the JVM exits.
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "segment-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        // One bar over the blocks of all images, so that a folder gets one ETA.
        try (NucleiModel model = ModelChoice.open(modelName); NucleiModel folded = model.forInference();
                BackgroundWriter writer = new BackgroundWriter();
                ProgressBar bar = ConsoleBars.builder("segment",
                        areas.stream().mapToLong(blocks::count).sum(), 1000).setUnit(" blocks", 1).build()) {
            TilingOptions tiling = blockOptions.tiling(spec, model.config());
            SlideSegmenter segmenter = new SlideSegmenter(folded, parameters, blocks, tiling);
            for (int i = 0; i < images.size(); i++) {
                Path image = images.get(i);
                Path target = Files.isDirectory(input) ? out.resolve(stem(image)) : out;
                segment(segmenter, readers, image, areas.get(i), target, writer, bar, cancelled);
            }
            writer.drain();
        } catch (CancellationException e) {
            spec.commandLine().getErr().println("cancelled: the unfinished outputs were not written");
            return 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting because of a signal
            }
        }
        return 0;
    }

    /**
     * Predicts and merges one image here, while its outputs are written on the writer thread: the next block's
     * (or image's) prediction overlaps the writing. Its line is printed once its files are in place.
     */
    private void segment(SlideSegmenter segmenter, SlideReaderRegistry readers, Path file, SlideSegmenter.Region area,
            Path target, BackgroundWriter writer, ProgressBar bar, AtomicBoolean cancelled) throws IOException {
        long start = System.nanoTime();
        long blocksBefore = bar.getCurrent();
        bar.setExtraMessage(file.getFileName().toString());
        try (SlideReader slide = readers.open(file)) {
            Files.createDirectories(target);
            SegmentOutputs outputs = new SegmentOutputs(target, area.width(), area.height(), maps);
            try {
                int count = segmenter.run(slide, area, (core, done, total) -> {
                    writer.submit(() -> outputs.add(core));
                    bar.stepTo(blocksBefore + done);
                }, cancelled::get);
                writer.submit(() -> {
                    outputs.commit(count);
                    PrintWriter printer = spec.commandLine().getOut();
                    printer.printf(Locale.ROOT, "%s: %d nuclei -> %s (%.1f s)%n", file.getFileName(), count, target,
                            (System.nanoTime() - start) / 1e9);
                    printer.flush();
                });
            } finally {
                writer.always(outputs::close);
            }
        }
    }

    private SlideSegmenter.Region region(SlideReader slide, Path file) {
        if (level < 0 || level >= slide.levels().size()) {
            throw new InvalidInputException(file, "has " + slide.levels().size() + " levels; --level " + level
                    + " does not exist");
        }
        SlideReader.Level size = slide.levels().get(level);
        int width = region == null ? size.width() : region[2];
        int height = region == null ? size.height() : region[3];
        BlockOptions.checkRegionSize(file, width, height);
        if (region == null) {
            return new SlideSegmenter.Region(level, 0, 0, size.width(), size.height());
        }
        if (region[0] < 0 || region[1] < 0 || region[2] < 1 || region[3] < 1
                || (long) region[0] + region[2] > size.width() || (long) region[1] + region[3] > size.height()) {
            throw new InvalidInputException(file, "--region " + region[0] + "," + region[1] + "," + region[2] + ","
                    + region[3] + " is not inside level " + level + " (" + size.width() + "x" + size.height() + ")");
        }
        return new SlideSegmenter.Region(level, region[0], region[1], region[2], region[3]);
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
