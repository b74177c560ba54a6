package org.histoprune.app.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.app.overlay.LayerRoles;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.SlideReader;
import org.histoprune.render.InstanceLayer;
import org.histoprune.render.SlideImage;

/** A slide opened in the background: its reader, thumbnail, and any ground truth stored with it. */
public record OpenedSlide(SlideReader reader, RgbImage thumbnail, List<InstanceLayer> layers) {
    public static final int GROUND_TRUTH_RGB = 0x33dd66;

    /** Opens the file and reads what the viewer needs first; the reader is closed again on failure. */
    public static OpenedSlide open(SlideOpener opener, Path path) throws IOException {
        SlideReader reader = opener.open(path);
        try {
            return new OpenedSlide(reader, SlideImage.readThumbnail(reader, SlideImage.THUMBNAIL_SIZE),
                    groundTruthOf(path));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Ground truth stored with a slide: {@code NAME_labels.png} (or .tif) beside it, or {@code labels/NAME.png}
     * next to an {@code images/} folder (the layout of {@code samples --out} and of folder-pair datasets).
     */
    static List<InstanceLayer> groundTruthOf(Path slidePath) {
        String stem = slidePath.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path folder = slidePath.toAbsolutePath().getParent();
        List<Path> candidates = new ArrayList<>();
        for (String extension : new String[] {"png", "tif", "tiff"}) {
            candidates.add(folder.resolve(stem + "_labels." + extension));
            if (folder.getFileName() != null && folder.getFileName().toString().equals("images")) {
                candidates.add(folder.resolveSibling("labels").resolve(stem + "." + extension));
            }
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .map(labels -> List.of(new InstanceLayer(LayerRoles.GROUND_TRUTH, 0, 0, RasterFiles.readLabels(labels),
                        GROUND_TRUTH_RGB)))
                .orElse(List.of());
    }
}
