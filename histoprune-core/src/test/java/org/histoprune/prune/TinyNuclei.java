package org.histoprune.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.nn.NucleiModel;

/** A few small synthetic H&E-like tiles (purple disks on pink) with exact labels, for training-loop tests. */
public final class TinyNuclei {
    private TinyNuclei() {
    }

    /** Saves an untrained tiny model (PrunerTest.TINY, seed 3) to {@code file}, for pruning jobs to start from. */
    public static Path model(Path file) throws IOException {
        try (NucleiModel model = NucleiModel.create(PrunerTest.TINY, 3)) {
            model.save(file);
        }
        return file;
    }

    /** Writes {@code count} pairs {@code images/tN.png} + {@code labels/tN.png} of {@code size} pixels into {@code dir}. */
    public static Path write(Path dir, int count, int size, long seed) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        Random random = new Random(seed);
        for (int n = 0; n < count; n++) {
            RgbImage image = new RgbImage(size, size);
            LabelImage labels = new LabelImage(size, size);
            for (int i = 0; i < size * size; i++) {
                image.rgb()[i] = RgbImage.pack(230 + random.nextInt(20), 160 + random.nextInt(30), 200 + random.nextInt(30));
            }
            for (int nucleus = 1; nucleus <= 6; nucleus++) {
                int cx = random.nextInt(size);
                int cy = random.nextInt(size);
                int r = 3 + random.nextInt(4);
                for (int y = Math.max(0, cy - r); y < Math.min(size, cy + r + 1); y++) {
                    for (int x = Math.max(0, cx - r); x < Math.min(size, cx + r + 1); x++) {
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                            labels.labels()[y * size + x] = nucleus;
                            image.rgb()[y * size + x] = RgbImage.pack(90 + random.nextInt(30), 40, 140 + random.nextInt(30));
                        }
                    }
                }
            }
            RasterFiles.writeRgbPng(image, dir.resolve("images/t" + n + ".png"));
            RasterFiles.writeLabels(labels, dir.resolve("labels/t" + n + ".png"));
        }
        return dir;
    }
}
