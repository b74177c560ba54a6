package org.histoprune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.histoprune.data.HistologySettings;
import org.histoprune.data.SyntheticHistology;
import org.histoprune.data.SyntheticTile;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesCommandTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void writesImageAndLabelPairsThatTheFolderLoaderReadsBack() {
        Result result = run("samples", "--out", dir.toString(), "--count", "2", "--size", "96", "--seed", "7");
        assertEquals(0, result.exitCode(), result.err());
        Dataset dataset = DatasetLoaders.folderPairs(dir);
        assertEquals(List.of("synthetic-7", "synthetic-8"), dataset.names());
        for (Dataset.Sample sample : dataset) {
            long seed = Long.parseLong(sample.name().substring("synthetic-".length()));
            SyntheticTile expected = SyntheticHistology.tile(HistologySettings.defaults(), seed, 96, 96);
            assertArrayEquals(expected.image().rgb(), sample.image().rgb());
            assertArrayEquals(expected.labels().labels(), sample.labels().labels());
        }
    }

    @Test
    void writesAPyramidalTiledTiff() throws IOException {
        Path slide = dir.resolve("slide.tif");
        Result result = run("samples", "--slide", slide.toString(), "--slide-size", "1100", "--seed", "3");
        assertEquals(0, result.exitCode(), result.err());
        try (ImageInputStream stream = ImageIO.createImageInputStream(slide.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(stream).next();
            reader.setInput(stream);
            assertEquals(3, reader.getNumImages(true), "1100 -> 550 -> 275 px");
            assertEquals(1100, reader.getWidth(0));
            assertTrue(reader.isImageTiled(0));
            assertEquals(275, reader.getWidth(2));
        }
    }

    @Test
    void badOptionsExitWithCodeTwo() {
        assertEquals(2, run("samples").exitCode());
        assertEquals(2, run("samples", "--out", dir.toString(), "--count", "0").exitCode());
        Result result = run("samples", "--out", dir.toString(), "--size", "5");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--size"), result.err());
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
