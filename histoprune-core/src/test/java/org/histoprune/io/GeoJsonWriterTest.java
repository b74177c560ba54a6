package org.histoprune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.histoprune.image.LabelImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

class GeoJsonWriterTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughJtsWithAreasAndCount() throws IOException, ParseException {
        LabelImage labels = new LabelImage(120, 90);
        Random random = new Random(7);
        for (int label = 1; label <= 12; label++) {
            NucleusMeasurementsTest.paintDisc(labels, 10 + random.nextInt(100), 10 + random.nextInt(70),
                    3 + random.nextInt(8), label);
        }
        assertRoundTrip(labels, OptionalDouble.of(0.25));
    }

    @Test
    void roundTripsMonusegLabels() throws IOException, ParseException {
        Path file = Path.of("../shared/data/monuseg/test/labels/TCGA-2Z-A9J9-01A-01-TS1.png");
        Assumptions.assumeTrue(Files.isRegularFile(file), "MoNuSeg not found at " + file + ": skipped");
        assertRoundTrip(RasterFiles.readLabels(file), OptionalDouble.empty());
    }

    @Test
    void featuresCarryQuPathDetectionProperties() throws IOException {
        LabelImage labels = new LabelImage(20, 20);
        NucleusMeasurementsTest.paintDisc(labels, 10, 10, 5, 3);
        Path file = dir.resolve("one.geojson");
        GeoJsonWriter.write(NucleusMeasurements.measure(labels, NucleusMeasurementsTest.white(20, 20),
                OptionalDouble.empty()), file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals("FeatureCollection", root.get("type").asText());
        JsonNode feature = root.get("features").get(0);
        assertEquals("Feature", feature.get("type").asText());
        assertEquals("Polygon", feature.get("geometry").get("type").asText());
        JsonNode properties = feature.get("properties");
        assertEquals("detection", properties.get("objectType").asText());
        assertEquals("Nucleus", properties.get("classification").get("name").asText());
        JsonNode measurements = properties.get("measurements");
        assertEquals(3, measurements.get("Label").asInt());
        assertEquals(10.5, measurements.get("Centroid X px").asDouble(), 1e-9);
        assertFalse(measurements.has("Area \u00b5m^2"), "no pixel size, so no area in microns");
        assertTrue(measurements.get("Circularity").asDouble() > 0.8);
    }

    private void assertRoundTrip(LabelImage labels, OptionalDouble micronsPerPixel) throws IOException, ParseException {
        Map<Integer, Integer> areas = new HashMap<>();
        for (int label : labels.labels()) {
            if (label != 0) {
                areas.merge(label, 1, Integer::sum);
            }
        }
        List<Nucleus> nuclei = NucleusMeasurements.measure(labels,
                NucleusMeasurementsTest.white(labels.width(), labels.height()), micronsPerPixel);
        Path file = dir.resolve("nuclei.geojson");
        GeoJsonWriter.write(nuclei, file);

        JsonNode features = new ObjectMapper().readTree(file.toFile()).get("features");
        assertEquals(areas.size(), features.size());
        GeoJsonReader reader = new GeoJsonReader();
        double worst = 0;
        for (JsonNode feature : features) {
            Geometry polygon = reader.read(feature.get("geometry").toString());
            int label = feature.get("properties").get("measurements").get("Label").asInt();
            int pixels = areas.get(label);
            assertTrue(polygon.isValid(), "label " + label);
            double error = Math.abs(polygon.getArea() - pixels);
            worst = Math.max(worst, error / pixels);
            // Outlines run half a pixel inside corners and are simplified by half a pixel at most.
            assertTrue(error <= 1 + 0.1 * pixels, "label " + label + ": " + polygon.getArea() + " vs " + pixels + " px");
        }
        System.out.printf("GeoJSON round trip: %d features, worst relative area error %.4f%n", features.size(), worst);
    }
}
