package org.histoprune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.io.RasterFiles;

/** A folder of small synthetic image/label pairs (64 x 64, {@code t<i>.png} + {@code t<i>_labels.png}) for tests. */
public final class TinyDataset {
    private TinyDataset() {
    }

    /** Writes {@code count} tiles, the i-th made with seed {@code firstSeed + i}, into {@code dir}; returns it. */
    public static Path write(Path dir, int count, long firstSeed) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            SyntheticTile tile = SyntheticHistology.tile(HistologySettings.defaults(), firstSeed + i, 64, 64);
            RasterFiles.writeRgbPng(tile.image(), dir.resolve("t" + i + ".png"));
            RasterFiles.writeLabels(tile.labels(), dir.resolve("t" + i + "_labels.png"));
        }
        return dir;
    }
}
