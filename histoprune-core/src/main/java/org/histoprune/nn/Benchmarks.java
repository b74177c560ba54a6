package org.histoprune.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/** Speed measurements of training and prediction on synthetic input, for the {@code bench} commands. */
public final class Benchmarks {
    private Benchmarks() {
    }

    /**
     * One training step updates both branches. FLOPs count a forward pass as 2 x multiply-accumulates and a
     * training step of one network as 3 forward passes (forward, and backward through inputs and weights).
     */
    public record TrainingTiming(UNetConfig unet, int batch, int crop, int steps, double secondsPerStep,
            double gflopsPerStep, double gflopsPerSecond) {
    }

    /** Prediction of one image by both branches; {@code peakRssMegabytes} is the process's peak so far. */
    public record InferenceTiming(UNetConfig unet, int width, int height, TilingOptions tiling, double seconds,
            double gflops, double gflopsPerSecond, double peakRssMegabytes) {
    }

    public static TrainingTiming training(UNetConfig unet, int batch, int crop, int warmup, int steps, Path workDir)
            throws IOException {
        List<TrainingSample> samples = List.of(syntheticSample(Math.max(512, crop), 1));
        TrainingConfig config = TrainingConfig.defaults(workDir, workDir.resolve("bench.hpm")).withUnet(unet)
                .withBudget(1, warmup + steps, 0).withCrop(crop).withBatch(batch).withValidationFraction(0);
        List<Double> times = new ArrayList<>();
        new NucleiTrainer().addListener(new TrainingListener() {
            @Override
            public void onStep(Step step) {
                times.add(step.elapsedSeconds());
            }
        }).run(config, samples);
        Files.deleteIfExists(config.out());
        Files.deleteIfExists(config.checkpoint());
        double seconds = (times.get(times.size() - 1) - times.get(warmup - 1)) / steps;
        double gflops = 2 * 3 * 2 * unet.macsPerPixel() * batch * crop * crop / 1e9;
        return new TrainingTiming(unet, batch, crop, steps, seconds, gflops, gflops / seconds);
    }

    /** Prediction by the model's inference copy (batch norm folded into the convs), as the segment command runs it. */
    public static InferenceTiming inference(UNetConfig unet, int size, TilingOptions tiling, int repeats) {
        RgbImage image = syntheticSample(size, 2).image();
        try (NucleiModel model = NucleiModel.create(unet, 1); NucleiModel folded = model.forInference()) {
            folded.predict(image, tiling);
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                folded.predict(image, tiling);
            }
            double seconds = (System.nanoTime() - start) / 1e9 / repeats;
            double gflops = 2 * 2 * unet.macsPerPixel() * tiledPixels(unet, size, tiling) / 1e9;
            return new InferenceTiming(unet, size, size, tiling, seconds, gflops, gflops / seconds, peakRssMegabytes());
        }
    }

    /**
     * The fastest of {@code repeats} predictions of a {@code size}-pixel square image by each model's inference copy
     * in its own tiling, the models taking turns so that all see the same machine load; each is folded and warmed
     * up once.
     */
    public static double[] fastestInTurn(List<NucleiModel> models, int size, List<TilingOptions> tilings,
            int repeats) {
        RgbImage image = syntheticSample(size, 2).image();
        List<NucleiModel> folded = new ArrayList<>();
        try {
            for (int m = 0; m < models.size(); m++) {
                folded.add(models.get(m).forInference());
                folded.get(m).predict(image, tilings.get(m));
            }
            double[] seconds = new double[models.size()];
            Arrays.fill(seconds, Double.POSITIVE_INFINITY);
            for (int i = 0; i < repeats; i++) {
                for (int m = 0; m < folded.size(); m++) {
                    long start = System.nanoTime();
                    folded.get(m).predict(image, tilings.get(m));
                    seconds[m] = Math.min(seconds[m], (System.nanoTime() - start) / 1e9);
                }
            }
            return seconds;
        } finally {
            folded.forEach(NucleiModel::close);
        }
    }

    /** Pixels actually pushed through the network, overlaps and padding included. */
    private static double tiledPixels(UNetConfig unet, int size, TilingOptions tiling) {
        int tile = TiledPredictor.tileSize(size, tiling.tile(), tiling.overlap(), unet.sizeMultiple());
        int overlap = Math.min(tiling.overlap(), tile / 2);
        int count = TiledPredictor.positions(size, tile, overlap).length;
        return (double) count * count * tile * tile;
    }

    /** Peak resident memory of this process (VmHWM), or NaN where /proc is not available. */
    public static double peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Dark discs on a pink background, labelled. */
    private static TrainingSample syntheticSample(int size, long seed) {
        Random random = new Random(seed);
        RgbImage image = new RgbImage(size, size);
        LabelImage labels = new LabelImage(size, size);
        Arrays.fill(image.rgb(), RgbImage.pack(230, 180, 210));
        for (int n = 1; n <= size * size / 600; n++) {
            int cx = random.nextInt(size);
            int cy = random.nextInt(size);
            int r = 4 + random.nextInt(6);
            for (int y = Math.max(0, cy - r); y < Math.min(size, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(size, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        image.rgb()[y * size + x] = RgbImage.pack(90 + random.nextInt(20), 50, 150);
                        labels.labels()[y * size + x] = n;
                    }
                }
            }
        }
        return TrainingSample.of("synthetic", image, labels);
    }
}
