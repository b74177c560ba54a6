package org.histoprune.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;
import org.histoprune.segment.TargetMaps;

/** One training image with its two target maps. */
record TrainingSample(String name, RgbImage image, FloatMap foreground, FloatMap distance) {
    static TrainingSample of(String name, RgbImage image, LabelImage labels) {
        if (!labels.sameSizeAs(image.width(), image.height())) {
            throw new InvalidInputException(name + ": image and labels differ in size");
        }
        return new TrainingSample(name, image, TargetMaps.foreground(labels), TargetMaps.normalizedDistance(labels));
    }

    /**
     * The pairs {@code images/<stem>.*} + {@code labels/<stem>.png} of a folder (MoNuSeg layout), sorted by name.
     * TODO(datasets helper): replace with org.histoprune.io.DatasetLoaders once it is on main.
     */
    static List<TrainingSample> loadFolder(Path dir) throws IOException {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        if (!Files.isDirectory(images) || !Files.isDirectory(labels)) {
            throw new InvalidInputException(dir, "expected sub-folders images/ and labels/");
        }
        List<TrainingSample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(images)) {
            for (Path image : files.sorted().toList()) {
                String file = image.getFileName().toString();
                String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
                Path label = labels.resolve(stem + ".png");
                if (Files.isRegularFile(label)) {
                    samples.add(of(stem, RasterFiles.readRgb(image), RasterFiles.readLabels(label)));
                }
            }
        }
        if (samples.isEmpty()) {
            throw new InvalidInputException(dir, "no image/label pairs found");
        }
        return samples;
    }
}
