package org.histoprune.experiment;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.io.RasterFiles;
import org.histoprune.nn.NucleiTrainer;
import org.histoprune.nn.TrainingConfig;

/**
 * Nested training subsets for the sample-size study, written once as folders of {@code <name>.png} +
 * {@code <name>_labels.png} pairs. The images the trainer holds out of the full set by default (every tenth, the
 * compression sweep's plateau and selection images) are left out of every subset and written to its
 * {@link NucleiTrainer#HELD_OUT_FOLDER} sub-folder, so every subset is validated on the same images. The other
 * images are shuffled by the seed; a subset of fraction f is the first round(f x n) of them (at least one), so a
 * smaller subset of a seed lies inside every larger one.
 */
final class ImageSubsets {
    private ImageSubsets() {
    }

    /** Images in the subset of {@code fraction} of {@code trainable} images (those not held out). */
    static int size(int trainable, double fraction) {
        return (int) Math.max(1, Math.min(trainable, Math.round(fraction * trainable)));
    }

    /** The folder of the subset of {@code fraction} of {@code data}'s training images for {@code seed}. */
    static Path ensure(Path parent, Path data, double fraction, long seed) throws IOException {
        Path folder = parent.resolve(String.format(Locale.ROOT, "images-%08x-s%d-f%.3f",
                data.toAbsolutePath().normalize().toString().hashCode(), seed, fraction));
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, folder.getFileName() + ".tmp");
        try {
            write(DatasetLoaders.detect(data), fraction, seed, temp);
            Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process made the same subset first: it is identical
        } finally {
            deleteTree(temp);
        }
        return folder;
    }

    private static void write(Dataset dataset, double fraction, long seed, Path folder) throws IOException {
        boolean[] held = NucleiTrainer.heldOut(dataset.size(),
                TrainingConfig.defaults(folder, folder).validationFraction());
        List<Integer> trainable = new ArrayList<>();
        Path heldOut = folder.resolve(NucleiTrainer.HELD_OUT_FOLDER);
        Files.createDirectories(heldOut);
        for (int i = 0; i < dataset.size(); i++) {
            if (held[i]) {
                copy(dataset.load(i), heldOut);
            } else {
                trainable.add(i);
            }
        }
        Collections.shuffle(trainable, new Random(seed));
        for (int index : trainable.subList(0, size(trainable.size(), fraction))) {
            copy(dataset.load(index), folder);
        }
    }

    private static void copy(Dataset.Sample sample, Path folder) throws IOException {
        RasterFiles.writeRgbPng(sample.image(), folder.resolve(sample.name() + ".png"));
        RasterFiles.writeLabels(sample.labels(), folder.resolve(sample.name() + "_labels.png"));
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
