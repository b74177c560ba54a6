package org.histoprune.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Nuclei as a GeoJSON FeatureCollection that QuPath imports as detections (File &gt; Import objects, or drag
 * and drop): polygons in image pixel coordinates, {@code "objectType": "detection"}, classification
 * {@code "Nucleus"}, and the {@link Nucleus} measurements (plus its label) under {@code "measurements"}.
 */
public final class GeoJsonWriter {
    /** Default simplification of the exported outlines, pixels: about a third of the vertices, areas within ~2%. */
    public static final double DEFAULT_TOLERANCE = 0.5;

    private static final JsonFactory JSON = new JsonFactory();

    private GeoJsonWriter() {
    }

    public static void write(List<Nucleus> nuclei, Path file) throws IOException {
        write(nuclei, DEFAULT_TOLERANCE, file);
    }

    /** Outlines simplified by {@code tolerance} pixels (0 keeps them as traced). Written atomically. */
    public static void write(List<Nucleus> nuclei, double tolerance, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (Stream stream = new Stream(out, tolerance)) {
                for (Nucleus nucleus : nuclei) {
                    stream.add(nucleus);
                }
            }
        });
    }

    /** A FeatureCollection written nucleus by nucleus, for results too large to hold; close ends it. */
    public static final class Stream implements java.io.Closeable {
        private final JsonGenerator json;
        private final double tolerance;
        private final org.locationtech.jts.io.geojson.GeoJsonWriter geometryWriter =
                new org.locationtech.jts.io.geojson.GeoJsonWriter(3);

        /** Starts the collection on {@code out}, which stays open. */
        public Stream(OutputStream out, double tolerance) throws IOException {
            this.tolerance = tolerance;
            geometryWriter.setEncodeCRS(false);
            json = JSON.createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
        }

        public void add(Nucleus nucleus) throws IOException {
            json.writeStartObject();
            json.writeStringField("type", "Feature");
            json.writeFieldName("geometry");
            json.writeRawValue(geometryWriter.write(NucleusOutlines.simplify(nucleus.outline(), tolerance)));
            writeProperties(json, nucleus);
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        }
    }

    private static void writeProperties(JsonGenerator json, Nucleus nucleus) throws IOException {
        json.writeObjectFieldStart("properties");
        json.writeStringField("objectType", "detection");
        json.writeObjectFieldStart("classification");
        json.writeStringField("name", "Nucleus");
        json.writeEndObject();
        json.writeObjectFieldStart("measurements");
        json.writeNumberField("Label", nucleus.label());
        for (Measurement measurement : Measurement.values()) {
            double value = measurement.of(nucleus);
            if (!Double.isNaN(value)) {
                json.writeNumberField(measurement.qupathName, value);
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
