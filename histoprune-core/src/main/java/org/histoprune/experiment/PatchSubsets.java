package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;

/**
 * Fixed training sets of {@code n} square crops for the sample-size study, written once as a folder of
 * {@code pNNNNN.png} + {@code pNNNNN_labels.png} pairs. Crop i is the i-th draw of a generator seeded by
 * {@code seed}, so a larger set always contains every smaller one (nested sets, as in the study).
 */
final class PatchSubsets {
    private PatchSubsets() {
    }

    /** The folder holding the first {@code n} crops of {@code data}, made under {@code parent} if missing. */
    static Path ensure(Path parent, Path data, String dataTag, int crop, long seed, int n) throws IOException {
        Path folder = parent.resolve("subset-" + dataTag + "-c" + crop + "-s" + seed + "-n" + n);
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path temp = Files.createTempDirectory(parent, folder.getFileName() + ".tmp");
        try {
            write(DatasetLoaders.detect(data), crop, seed, n, temp);
            Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process made the same set first: it is identical
        } finally {
            deleteTree(temp);
        }
        return folder;
    }

    private static void write(Dataset dataset, int crop, long seed, int n, Path folder) throws IOException {
        Random random = new Random(seed);
        Map<Integer, Dataset.Sample> loaded = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int index = random.nextInt(dataset.size());
            Dataset.Sample sample = loaded.computeIfAbsent(index, dataset::load);
            RgbImage image = sample.image();
            if (image.width() < crop || image.height() < crop) {
                throw new InvalidInputException(sample.imagePath(), "smaller than the " + crop + "-pixel crop");
            }
            int x = random.nextInt(image.width() - crop + 1);
            int y = random.nextInt(image.height() - crop + 1);
            String name = String.format("p%05d", i);
            RasterFiles.writeRgbPng(cropRgb(image, x, y, crop), folder.resolve(name + ".png"));
            RasterFiles.writeLabels(cropLabels(sample.labels(), x, y, crop), folder.resolve(name + "_labels.png"));
        }
    }

    private static RgbImage cropRgb(RgbImage image, int x, int y, int side) {
        int[] pixels = new int[side * side];
        for (int row = 0; row < side; row++) {
            System.arraycopy(image.rgb(), (y + row) * image.width() + x, pixels, row * side, side);
        }
        return new RgbImage(side, side, pixels);
    }

    private static LabelImage cropLabels(LabelImage labels, int x, int y, int side) {
        int[] values = new int[side * side];
        for (int row = 0; row < side; row++) {
            System.arraycopy(labels.labels(), (y + row) * labels.width() + x, values, row * side, side);
        }
        return new LabelImage(side, side, values);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
