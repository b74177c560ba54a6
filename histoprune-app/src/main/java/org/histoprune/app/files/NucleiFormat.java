package org.histoprune.app.files;

/** The files the predicted nuclei export to, with the name and extension offered in the save dialog. */
enum NucleiFormat {
    /** 16-bit PNG of instance ids; a 32-bit TIFF when there are more than 65,535 (see RasterFiles). */
    LABEL_IMAGE("Label image", "png", "labels"),
    /** Outlines with measurements, for QuPath. */
    GEOJSON("GeoJSON", "geojson", "nuclei"),
    /** One row of measurements per nucleus. */
    CSV("CSV table", "csv", "nuclei");

    final String title;
    final String extension;
    final String suffix;

    NucleiFormat(String title, String extension, String suffix) {
        this.title = title;
        this.extension = extension;
        this.suffix = suffix;
    }

    /** The suggested file name for nuclei of a slide, such as {@code slide-nuclei.geojson}. */
    String fileNameFor(String slideName) {
        return slideName.replaceFirst("\\.[^.]+$", "") + "-" + suffix + "." + extension;
    }
}
