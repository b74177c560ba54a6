package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Frames rendered from a synthetic slide whose every pixel is known. */
class ViewRendererTest {
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor queue = queued::add;

    private SlideImage slide(SyntheticSlide reader) throws Exception {
        SlideTiles tiles = new SlideTiles(reader, 1L << 24, queue, () -> { }, e -> { throw new AssertionError(e); });
        return new SlideImage(tiles, SlideImage.readThumbnail(reader, 256));
    }

    private void readQueuedTiles() {
        List<Runnable> reads = new ArrayList<>(queued);
        queued.clear();
        reads.forEach(Runnable::run);
    }

    @Test
    void atOneToOneEveryScreenPixelIsTheSlidePixel() throws Exception {
        SyntheticSlide reader = new SyntheticSlide(Path.of("s.tif"), 3000, 2000, 0, 0);
        SlideImage slide = slide(reader);
        ViewTransform view = new ViewTransform(700, 900, 1, 300, 200);
        ViewRenderer renderer = new ViewRenderer();
        renderer.render(view, new RenderState(slide, List.of()));
        assertTrue(!queued.isEmpty(), "the first frame asks for tiles instead of waiting");
        readQueuedTiles();
        BufferedImage frame = renderer.render(view, new RenderState(slide, List.of()));
        for (int y = 0; y < 200; y += 7) {
            for (int x = 0; x < 300; x += 5) {
                assertEquals(SyntheticSlide.colourAt(700 + x, 900 + y), frame.getRGB(x, y) & 0xFFFFFF,
                        "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void zoomedOutItReadsACoarserLevelAndNeverReadsATileTwice() throws Exception {
        SyntheticSlide reader = new SyntheticSlide(Path.of("s.tif"), 8000, 8000, 0, 0);
        SlideImage slide = slide(reader);
        int readsForThumbnail = reader.reads.get();
        ViewTransform view = ViewTransform.centredOn(4000, 4000, 8, 500, 500);
        ViewRenderer renderer = new ViewRenderer();
        renderer.render(view, new RenderState(slide, List.of()));
        renderer.render(view, new RenderState(slide, List.of()));
        int requested = queued.size();
        readQueuedTiles();
        assertEquals(readsForThumbnail + requested, reader.reads.get());
        assertTrue(requested <= 4, "500 px at downsample 8 come from level 3: a few 512 px tiles, got " + requested);
        renderer.render(view, new RenderState(slide, List.of()));
        assertTrue(queued.isEmpty(), "all tiles cached");
    }

    @Test
    void overlaysAndTheScaleBarAreDrawnOverTheSlide() throws Exception {
        SyntheticSlide reader = new SyntheticSlide(Path.of("s.tif"), 2000, 2000, 0.5, 0);
        SlideImage slide = slide(reader);
        double[] centre = SyntheticSlide.centreOf(10, 10);
        ViewTransform view = ViewTransform.centredOn(centre[0], centre[1], 0.5, 400, 400);
        InstanceLayer layer = new InstanceLayer("t", 0, 0, SyntheticSlide.labels(0, 0, 2000, 2000), 0x00FF00);
        RenderState state = new RenderState(slide, List.of(new InstanceOverlay(layer,
                new OverlayStyle(1, false, false), InstanceOverlay.newCache())));
        ViewRenderer renderer = new ViewRenderer();
        renderer.render(view, state);
        readQueuedTiles();
        BufferedImage frame = renderer.render(view, state);
        int green = 0;
        for (int x = 0; x < 400; x++) {
            green += (frame.getRGB(x, 200) & 0xFFFFFF) == 0x00FF00 ? 1 : 0;
        }
        assertTrue(green >= 2, "a row through the nucleus crosses its outline twice, got " + green);
        assertEquals(SyntheticSlide.NUCLEUS, frame.getRGB(200, 200) & 0xFFFFFF, "inside stays slide");
        assertEquals(0xFFFFFF, frame.getRGB(17, 400 - 18) & 0xFFFFFF, "the scale bar's white line at bottom left");
    }
}
