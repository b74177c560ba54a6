package org.histoprune.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Aperio ImageScope XML as MoNuSeg ships it: one {@code <Region>} per nucleus with its {@code <Vertex X Y>}
 * list. Coordinates are 1-based (MATLAB convention) in the file and 0-based here; regions with fewer than
 * three vertices cannot enclose a pixel and are dropped.
 */
record AperioAnnotations(List<double[]> polygons, OptionalDouble micronsPerPixel) {
    private static final double ONE_BASED = 1.0;

    /** A polygon is {@code x0, y0, x1, y1, ...} in 0-based pixel coordinates. */
    static AperioAnnotations read(Path file) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Annotation files never need a DTD; refusing them also rules out external-entity tricks.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                return parse(file, xml);
            } finally {
                xml.close();
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "file not found");
        } catch (XMLStreamException e) {
            throw new InvalidInputException(file, "malformed XML (" + oneLine(e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static AperioAnnotations parse(Path file, XMLStreamReader xml) throws XMLStreamException {
        List<double[]> polygons = new ArrayList<>();
        OptionalDouble micronsPerPixel = OptionalDouble.empty();
        boolean sawAnnotations = false;
        double[] vertices = null;
        int count = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Annotations" -> {
                        sawAnnotations = true;
                        micronsPerPixel = positiveNumber(xml.getAttributeValue(null, "MicronsPerPixel"));
                    }
                    case "Vertices" -> {
                        vertices = new double[16];
                        count = 0;
                    }
                    case "Vertex" -> {
                        if (vertices == null) {
                            throw new InvalidInputException(file, "<Vertex> outside <Vertices> at line "
                                    + xml.getLocation().getLineNumber());
                        }
                        if (count + 2 > vertices.length) {
                            vertices = java.util.Arrays.copyOf(vertices, vertices.length * 2);
                        }
                        vertices[count++] = coordinate(file, xml, "X") - ONE_BASED;
                        vertices[count++] = coordinate(file, xml, "Y") - ONE_BASED;
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("Vertices")) {
                if (count >= 6) {
                    polygons.add(java.util.Arrays.copyOf(vertices, count));
                }
                vertices = null;
            }
        }
        if (!sawAnnotations) {
            throw new InvalidInputException(file, "not an Aperio annotation file (no <Annotations> element)");
        }
        return new AperioAnnotations(polygons, micronsPerPixel);
    }

    private static double coordinate(Path file, XMLStreamReader xml, String name) {
        String text = xml.getAttributeValue(null, name);
        int line = xml.getLocation().getLineNumber();
        if (text == null) {
            throw new InvalidInputException(file, "<Vertex> without " + name + " at line " + line);
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(file, "vertex " + name + "=\"" + text + "\" is not a number at line " + line);
    }

    private static OptionalDouble positiveNumber(String text) {
        try {
            double value = text == null ? Double.NaN : Double.parseDouble(text.trim());
            return value > 0 && Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
    }
}
