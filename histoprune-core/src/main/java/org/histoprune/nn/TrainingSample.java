package org.histoprune.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.io.InvalidInputException;
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
     * Every sample of a folder: the MoNuSeg layout ({@code images/} with {@code labels/} or
     * {@code annotations/}) when there is an {@code images/} folder, else flat {@code x.png} + {@code x_labels.png}.
     */
    static List<TrainingSample> loadFolder(Path dir) {
        Dataset dataset = Files.isDirectory(dir.resolve("images")) ? DatasetLoaders.monuseg(dir)
                : DatasetLoaders.folderPairs(dir);
        List<TrainingSample> samples = new ArrayList<>();
        for (Dataset.Sample sample : dataset) {
            samples.add(of(sample.name(), sample.image(), sample.labels()));
        }
        return samples;
    }
}
