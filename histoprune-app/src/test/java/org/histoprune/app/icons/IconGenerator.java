package org.histoprune.app.icons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Writes the application icon into a folder: {@code histoprune-N.png} for every size of {@link AppIcon#SIZES},
 * {@code histoprune.png} (256 px, for the installer) and {@code histoprune.svg}. {@code icons/generate.sh}
 * runs it; {@link AppIconTest} fails when the committed icons no longer match the drawing.
 */
public final class IconGenerator {
    private IconGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "icons");
        write(folder);
        System.out.println("icons written to " + folder.toAbsolutePath());
    }

    static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int size : AppIcon.SIZES) {
            ImageIO.write(AppIcon.render(size), "png", folder.resolve("histoprune-" + size + ".png").toFile());
        }
        ImageIO.write(AppIcon.render(256), "png", folder.resolve("histoprune.png").toFile());
        Files.writeString(folder.resolve("histoprune.svg"), svg(), StandardCharsets.UTF_8);
    }

    static String svg() {
        int units = (int) AppIcon.UNITS;
        SVGGraphics2D g = new SVGGraphics2D(units, units);
        // A fixed prefix for gradient ids: the default one is the clock, which makes every run differ.
        g.setDefsKeyPrefix("histoprune-");
        AppIcon.paint(g);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + g.getSVGElement(null, true, new ViewBox(0, 0, units, units), null, null) + "\n";
    }
}
