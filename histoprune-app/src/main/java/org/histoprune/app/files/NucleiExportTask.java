package org.histoprune.app.files;

import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;
import org.histoprune.image.RgbImage;
import org.histoprune.io.GeoJsonWriter;
import org.histoprune.io.Nucleus;
import org.histoprune.io.NucleusMeasurements;
import org.histoprune.io.NucleusTableWriter;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.SlideReader;
import org.histoprune.render.InstanceLayer;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Writes a layer's nuclei (atomically, by the io writers): the label image of the segmented region as is, or
 * outlines and measurements in slide coordinates, measured on the region's level-0 pixels. The value is the
 * file written (a label image past 65,535 ids becomes a TIFF).
 */
final class NucleiExportTask extends Task<Path> {
    private final InstanceLayer layer;
    private final SlideReader slide;
    private final NucleiFormat format;
    private final Path target;

    NucleiExportTask(InstanceLayer layer, SlideReader slide, NucleiFormat format, Path target) {
        this.layer = layer;
        this.slide = slide;
        this.format = format;
        this.target = target;
        updateTitle("Export " + format.title);
    }

    @Override
    protected Path call() throws Exception {
        if (format == NucleiFormat.LABEL_IMAGE) {
            updateMessage("writing " + target.getFileName());
            Path written = RasterFiles.writeLabels(layer.labels(), target);
            updateProgress(1, 1);
            return written;
        }
        updateMessage("reading the region");
        updateProgress(0, 3);
        RgbImage pixels = slide.readRegion(0, layer.originX(), layer.originY(), layer.labels().width(),
                layer.labels().height());
        if (isCancelled()) {
            return null;
        }
        updateMessage("measuring " + layer.count() + " nuclei");
        updateProgress(1, 3);
        List<Nucleus> nuclei = inSlideCoordinates(NucleusMeasurements.measure(layer.labels(), pixels,
                slide.micronsPerPixel()));
        if (isCancelled()) {
            return null;
        }
        updateMessage("writing " + target.getFileName());
        updateProgress(2, 3);
        if (format == NucleiFormat.GEOJSON) {
            GeoJsonWriter.write(nuclei, target);
        } else {
            NucleusTableWriter.write(nuclei, target);
        }
        updateProgress(3, 3);
        return target;
    }

    /** The region's nuclei moved to where they lie on the slide, so QuPath places them over it. */
    private List<Nucleus> inSlideCoordinates(List<Nucleus> nuclei) {
        int dx = layer.originX();
        int dy = layer.originY();
        AffineTransformation shift = AffineTransformation.translationInstance(dx, dy);
        return nuclei.stream().map(n -> new Nucleus(n.label(), shift.transform(n.outline()), n.centroidX() + dx,
                n.centroidY() + dy, n.areaPixels(), n.areaMicrons2(), n.perimeter(), n.circularity(),
                n.eccentricity(), n.solidity(), n.hematoxylin(), n.eosin())).toList();
    }
}
