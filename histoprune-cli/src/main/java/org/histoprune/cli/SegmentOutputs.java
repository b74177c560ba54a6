package org.histoprune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.AtomicFiles;
import org.histoprune.io.GeoJsonWriter;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.LabelTiffWriter;
import org.histoprune.io.Nucleus;
import org.histoprune.io.NucleusTableWriter;
import org.histoprune.io.OverlayRenderer;
import org.histoprune.io.RasterFiles;
import org.histoprune.nn.SlideSegmenter;

/**
 * The files of one {@code segment} run, filled block by block: nuclei stream into nuclei.geojson and nuclei.csv;
 * labels go to labels.png when the region is small enough to hold and has fewer than 65,536 nuclei, else to a
 * tiled 32-bit labels.tif written tile by tile; overlay.png is an overview at most {@value #OVERVIEW_SIDE} px wide.
 * Nothing appears in the folder before {@link #commit}; {@link #close} without it leaves no trace.
 */
final class SegmentOutputs implements AutoCloseable {
    /** Regions up to this many pixels keep their labels (and maps) in memory. */
    static final long IN_MEMORY_PIXELS = 1L << 25;
    static final int LABEL_TILE = BlockOptions.LABEL_TILE;
    private static final int OVERVIEW_SIDE = 4096;

    private final Path folder;
    private final int width;
    private final List<AtomicFiles.Pending> pending = new ArrayList<>();
    private final AtomicFiles.Pending geoJsonFile;
    private final AtomicFiles.Pending tableFile;
    private final GeoJsonWriter.Stream geoJson;
    private final NucleusTableWriter.Stream table;
    private final LabelImage labels;
    private final FloatMap[] maps;
    private final AtomicFiles.Pending labelFile;
    private final LabelTiffWriter labelTiff;
    private final int scale;
    private final RgbImage overview;

    SegmentOutputs(Path folder, int width, int height, boolean withMaps) throws IOException {
        this.folder = folder;
        this.width = width;
        boolean small = (long) width * height <= IN_MEMORY_PIXELS;
        if (withMaps && !small) {
            throw new InvalidInputException(folder, "--maps needs a region of at most " + IN_MEMORY_PIXELS
                    + " pixels; this one has " + (long) width * height + " (choose a --region)");
        }
        try {
            geoJsonFile = begin("nuclei.geojson");
            geoJson = new GeoJsonWriter.Stream(geoJsonFile.stream(), GeoJsonWriter.DEFAULT_TOLERANCE);
            tableFile = begin("nuclei.csv");
            table = new NucleusTableWriter.Stream(tableFile.stream());
            labels = small ? new LabelImage(width, height) : null;
            maps = withMaps ? new FloatMap[] {new FloatMap(width, height), new FloatMap(width, height)} : null;
            labelFile = small ? null : begin("labels.tif");
            labelTiff = small ? null : new LabelTiffWriter(labelFile.channel(), width, height, LABEL_TILE);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        int s = 1;
        while ((width + s - 1) / s > OVERVIEW_SIDE || (height + s - 1) / s > OVERVIEW_SIDE) {
            s *= 2;
        }
        scale = s;
        overview = new RgbImage((width + s - 1) / s, (height + s - 1) / s);
    }

    /** Adds one finished block core. */
    void add(SlideSegmenter.Core core) throws IOException {
        for (Nucleus nucleus : core.nuclei()) {
            geoJson.add(nucleus);
            table.add(nucleus);
        }
        LabelImage coreLabels = core.labels();
        if (labels != null) {
            paste(coreLabels.labels(), coreLabels.width(), coreLabels.height(), labels.labels(), core.x(), core.y());
        } else {
            writeTiles(core);
        }
        if (maps != null) {
            paste(core.maps().foreground(), maps[0], core.x(), core.y());
            paste(core.maps().distance(), maps[1], core.x(), core.y());
        }
        shrinkInto(OverlayRenderer.render(core.image(), coreLabels), core.image(), core.x(), core.y());
    }

    /** Finishes every file and moves it into place; returns the label file written. */
    Path commit(int nuclei) throws IOException {
        geoJson.close();
        table.close();
        Path labelPath;
        if (labelTiff != null) {
            labelTiff.finish();
            labelPath = folder.resolve("labels.tif");
        } else {
            labelPath = RasterFiles.writeLabels(labels, folder.resolve(nuclei < 0x10000 ? "labels.png" : "labels.tif"));
        }
        if (maps != null) {
            RasterFiles.writeFloatMap(maps[0], folder.resolve("foreground.tif"));
            RasterFiles.writeFloatMap(maps[1], folder.resolve("distance.tif"));
        }
        RasterFiles.writeRgbPng(overview, folder.resolve("overlay.png"));
        for (AtomicFiles.Pending file : pending) {
            file.commit();
        }
        // a label file of the other kind from an earlier run would contradict this one
        Path other = folder.resolve(labelPath.getFileName().toString().endsWith(".png") ? "labels.tif" : "labels.png");
        Files.deleteIfExists(other);
        return labelPath;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (AtomicFiles.Pending file : pending) {
            try {
                file.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private AtomicFiles.Pending begin(String name) throws IOException {
        AtomicFiles.Pending file = AtomicFiles.begin(folder.resolve(name));
        pending.add(file);
        return file;
    }

    /** The label tiles inside a core; cores are multiples of the tile size, so tiles never straddle two. */
    private void writeTiles(SlideSegmenter.Core core) throws IOException {
        LabelImage coreLabels = core.labels();
        int[] tile = new int[LABEL_TILE * LABEL_TILE];
        for (int ty = 0; ty < coreLabels.height(); ty += LABEL_TILE) {
            for (int tx = 0; tx < coreLabels.width(); tx += LABEL_TILE) {
                int w = Math.min(LABEL_TILE, coreLabels.width() - tx);
                int h = Math.min(LABEL_TILE, coreLabels.height() - ty);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(coreLabels.labels(), (ty + row) * coreLabels.width() + tx, tile, row * w, w);
                }
                labelTiff.writeTile((core.x() + tx) / LABEL_TILE, (core.y() + ty) / LABEL_TILE, tile, w, h);
            }
        }
    }

    /** Each overview pixel: an outline colour when its box has one (so outlines survive), else the mean colour. */
    private void shrinkInto(RgbImage rendered, RgbImage image, int x0, int y0) {
        for (int oy = y0 / scale; oy < Math.min(overview.height(), (y0 + image.height() + scale - 1) / scale); oy++) {
            for (int ox = x0 / scale; ox < Math.min(overview.width(), (x0 + image.width() + scale - 1) / scale); ox++) {
                int r = 0;
                int g = 0;
                int b = 0;
                int n = 0;
                int outline = -1;
                for (int y = oy * scale - y0; y < Math.min(image.height(), (oy + 1) * scale - y0); y++) {
                    for (int x = ox * scale - x0; x < Math.min(image.width(), (ox + 1) * scale - x0); x++) {
                        int i = y * image.width() + x;
                        if (rendered.rgb()[i] != image.rgb()[i]) {
                            outline = rendered.rgb()[i];
                        }
                        r += RgbImage.red(image.rgb()[i]);
                        g += RgbImage.green(image.rgb()[i]);
                        b += RgbImage.blue(image.rgb()[i]);
                        n++;
                    }
                }
                overview.rgb()[oy * overview.width() + ox] = outline >= 0 ? outline
                        : RgbImage.pack(r / n, g / n, b / n);
            }
        }
    }

    private void paste(int[] source, int w, int h, int[] target, int x0, int y0) {
        for (int row = 0; row < h; row++) {
            System.arraycopy(source, row * w, target, (y0 + row) * width + x0, w);
        }
    }

    private void paste(FloatMap source, FloatMap target, int x0, int y0) {
        for (int row = 0; row < source.height(); row++) {
            System.arraycopy(source.values(), row * source.width(), target.values(), (y0 + row) * width + x0,
                    source.width());
        }
    }
}
