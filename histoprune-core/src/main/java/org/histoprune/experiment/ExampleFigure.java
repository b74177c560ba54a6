package org.histoprune.experiment;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;
import org.histoprune.io.AtomicFiles;
import org.histoprune.io.Dataset;
import org.histoprune.io.DatasetLoaders;
import org.histoprune.io.OverlayRenderer;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Prediction;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstanceParameters;
import org.histoprune.segment.InstancePipeline;

/**
 * The seed paper's Fig. 4 analogue: for the first image of the in-distribution set and of one shifted set, a
 * centre crop with its ground-truth instances, then the instances the line's model predicts at each CR (first
 * seed), as outlines over the image. One row per set, written as PNG.
 */
final class ExampleFigure {
    static final int CROP = 256;
    private static final int LABEL_HEIGHT = 22;

    private ExampleFigure() {
    }

    /**
     * Writes {@code <out>/<stem>.png} for {@code line} on up to two sets; returns why it could not, or empty when
     * written (a missing model file or evaluation folder skips the figure, it does not fail the report).
     */
    static Optional<String> write(ResultStore store, CompressionView view, String line, List<String> sets, Path out,
            String stem) throws IOException {
        List<Integer> crs = new ArrayList<>(List.of(1));
        crs.addAll(view.crs(line));
        Map<Integer, Path> models = new LinkedHashMap<>();
        for (int cr : crs) {
            Optional<CellResult> cell = view.cell(line, cr);
            if (cell.isPresent() && cell.get().modelFile() != null
                    && Files.isRegularFile(store.modelFile(cell.get()))) {
                models.put(cr, store.modelFile(cell.get()));
            }
        }
        if (models.size() < 2) {
            return Optional.of("no model files of the " + line + " line in " + store.root());
        }
        CellResult any = view.cell(line, models.keySet().iterator().next()).orElseThrow();
        int tile = any.spec().recipe().evalTile();
        List<List<BufferedImage>> rows = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of("ground truth"));
        models.keySet().forEach(cr -> headers.add(cr == 1 ? "dense" : "CR " + cr));
        List<String> names = new ArrayList<>();
        for (String set : sets) {
            String folder = any.spec().evals().get(set);
            if (folder == null || !Files.isDirectory(Path.of(folder))) {
                return Optional.of("evaluation set " + set + " not found at " + folder);
            }
            Dataset.Sample sample = DatasetLoaders.detect(Path.of(folder)).load(0);
            RgbImage image = crop(sample.image());
            LabelImage truth = crop(sample.labels());
            List<BufferedImage> row = new ArrayList<>(List.of(picture(OverlayRenderer.render(image, truth))));
            for (Path model : models.values()) {
                row.add(picture(OverlayRenderer.render(image, predict(model, image, tile))));
            }
            rows.add(row);
            names.add(set + ": " + sample.name());
        }
        compose(rows, headers, names, out.resolve(stem + ".png"));
        return Optional.empty();
    }

    private static LabelImage predict(Path file, RgbImage image, int tile) {
        try (NucleiModel model = NucleiModel.load(file)) {
            Prediction prediction = model.predict(image, TilingOptions.defaults().withTile(Math.min(tile, CROP)));
            return new InstancePipeline(InstanceParameters.defaults()).run(prediction.foreground(),
                    prediction.distance());
        }
    }

    private static RgbImage crop(RgbImage image) {
        int side = Math.min(CROP, Math.min(image.width(), image.height()));
        return new RgbImage(side, side, centre(image.rgb(), image.width(), image.height(), side));
    }

    private static LabelImage crop(LabelImage labels) {
        int side = Math.min(CROP, Math.min(labels.width(), labels.height()));
        return new LabelImage(side, side, centre(labels.labels(), labels.width(), labels.height(), side));
    }

    /** The centre {@code side x side} pixels of a row-major raster. */
    private static int[] centre(int[] pixels, int width, int height, int side) {
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        int[] out = new int[side * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(pixels, (y0 + y) * width + x0, out, y * side, side);
        }
        return out;
    }

    private static BufferedImage picture(RgbImage image) {
        BufferedImage picture = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        picture.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        return picture;
    }

    private static void compose(List<List<BufferedImage>> rows, List<String> headers, List<String> names, Path file)
            throws IOException {
        int cell = CROP;
        int columns = headers.size();
        BufferedImage figure = new BufferedImage(columns * cell, rows.size() * (cell + 2 * LABEL_HEIGHT),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int r = 0; r < rows.size(); r++) {
            int top = r * (cell + 2 * LABEL_HEIGHT);
            g.setColor(Color.BLACK);
            g.drawString(names.get(r), 4, top + LABEL_HEIGHT - 6);
            for (int c = 0; c < rows.get(r).size(); c++) {
                g.drawImage(rows.get(r).get(c), c * cell, top + LABEL_HEIGHT, null);
                g.drawString(headers.get(c), c * cell + 4, top + 2 * LABEL_HEIGHT + cell - 6);
            }
        }
        g.dispose();
        AtomicFiles.write(file, stream -> ImageIO.write(figure, "png", stream));
    }
}
