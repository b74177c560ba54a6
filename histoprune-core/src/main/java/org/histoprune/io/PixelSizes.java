package org.histoprune.io;

import java.io.StringReader;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Pixel size in microns from what scanners write: OME-XML, Aperio's "MPP = " and TIFF resolution tags. */
final class PixelSizes {
    private static final Pattern APERIO_MPP = Pattern.compile("\\bMPP\\s*=\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");
    private static final int RESOLUTION_CENTIMETER = 3;
    private static final int RESOLUTION_INCH = 2;

    private PixelSizes() {
    }

    /** The first plausible value among OME-XML, "MPP = x" in the description, and the resolution tags. */
    static OptionalDouble fromTiff(String description, double xResolution, int resolutionUnit) {
        OptionalDouble ome = fromOmeXml(description);
        if (ome.isPresent()) {
            return ome;
        }
        Matcher matcher = APERIO_MPP.matcher(description);
        if (matcher.find()) {
            OptionalDouble mpp = plausible(Double.parseDouble(matcher.group(1)));
            if (mpp.isPresent()) {
                return mpp;
            }
        }
        if (xResolution > 0) {
            if (resolutionUnit == RESOLUTION_CENTIMETER) {
                return plausible(1e4 / xResolution);
            }
            if (resolutionUnit == RESOLUTION_INCH) {
                return plausible(25_400 / xResolution);
            }
        }
        return OptionalDouble.empty();
    }

    /** PhysicalSizeX of the first Pixels element, converted from its unit (microns by default). */
    static OptionalDouble fromOmeXml(String description) {
        String text = description.stripLeading();
        if (!text.startsWith("<") || !text.contains("OME")) {
            return OptionalDouble.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            NodeList pixels = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)))
                    .getElementsByTagNameNS("*", "Pixels");
            if (pixels.getLength() == 0) {
                return OptionalDouble.empty();
            }
            Element first = (Element) pixels.item(0);
            String size = first.getAttribute("PhysicalSizeX");
            if (size.isEmpty()) {
                return OptionalDouble.empty();
            }
            double factor = switch (first.getAttribute("PhysicalSizeXUnit")) {
                case "", "µm", "um", "\u03bcm" -> 1;
                case "nm" -> 1e-3;
                case "mm" -> 1e3;
                case "cm" -> 1e4;
                case "m" -> 1e6;
                default -> Double.NaN;
            };
            return plausible(Double.parseDouble(size) * factor);
        } catch (Exception e) {
            // Malformed XML or number: the pixel size is unknown, which is not an error in itself.
            return OptionalDouble.empty();
        }
    }

    /** Microscope pixels lie in 0.01..50 um; outside that range a value is a screen DPI or garbage. */
    static OptionalDouble plausible(double micronsPerPixel) {
        return micronsPerPixel >= 0.01 && micronsPerPixel <= 50 ? OptionalDouble.of(micronsPerPixel)
                : OptionalDouble.empty();
    }
}
