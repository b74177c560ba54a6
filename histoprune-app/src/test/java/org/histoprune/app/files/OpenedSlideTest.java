package org.histoprune.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.histoprune.io.RasterFiles;
import org.histoprune.render.SlideImage;
import org.histoprune.render.SyntheticSlide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenedSlideTest {
    @TempDir
    Path dir;

    @Test
    void findsGroundTruthBesideTheSlideOrInALabelsFolder() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        RasterFiles.writeLabels(SyntheticSlide.labels(0, 0, 50, 40), dir.resolve("labels").resolve("tile.png"));
        RasterFiles.writeLabels(SyntheticSlide.labels(0, 0, 30, 20), images.resolve("other_labels.tif"));

        var tile = OpenedSlide.groundTruthOf(images.resolve("tile.png"));
        assertEquals(1, tile.size());
        assertEquals(50, tile.get(0).labels().width());
        assertEquals(30, OpenedSlide.groundTruthOf(images.resolve("other.png")).get(0).labels().width());
        assertTrue(OpenedSlide.groundTruthOf(images.resolve("none.png")).isEmpty());
    }

    @Test
    void readsAThumbnailOfAtMostTheSizeAskedKeepingTheAspect() throws Exception {
        SyntheticSlide slide = new SyntheticSlide(dir.resolve("s.tif"), 5000, 3000, 0.5, 0);
        OpenedSlide opened = OpenedSlide.open(path -> slide, slide.path());
        int width = opened.thumbnail().width();
        assertTrue(width <= SlideImage.THUMBNAIL_SIZE && width >= SlideImage.THUMBNAIL_SIZE / 2, "width " + width);
        assertEquals(width * 3 / 5.0, opened.thumbnail().height(), 2);
    }
}
