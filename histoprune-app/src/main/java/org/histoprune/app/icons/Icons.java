package org.histoprune.app.icons;

import javafx.scene.Node;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

/** Toolbar icons as 24-unit vector paths, coloured by the style sheet. */
public final class Icons {
    public static final String OPEN = "M2 5h7l2 2h11v13H2z M4 9v9h16V9z";
    public static final String ZOOM_IN = "M10 2a8 8 0 1 0 4.9 14.3l5.4 5.4 1.4-1.4-5.4-5.4A8 8 0 0 0 10 2z"
            + "M10 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12zM9 6.5v2.5H6.5v2H9v2.5h2V11h2.5V9H11V6.5z";
    public static final String ZOOM_OUT = "M10 2a8 8 0 1 0 4.9 14.3l5.4 5.4 1.4-1.4-5.4-5.4A8 8 0 0 0 10 2z"
            + "M10 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12zM6.5 9h7v2h-7z";
    public static final String FIT = "M3 3h7v2H5v5H3zM14 3h7v7h-2V5h-5zM3 14h2v5h5v2H3zM19 14h2v7h-7v-2h5z";
    public static final String EXPORT = "M4 19h16v2H4zM11 3h2v9.2l3.3-3.3 1.4 1.4-5.7 5.7-5.7-5.7 1.4-1.4 3.3 3.3z";
    public static final String SEGMENT = "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16z"
            + "M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10z";

    private Icons() {
    }

    public static Node icon(String path) {
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        shape.setFillRule(FillRule.EVEN_ODD);
        shape.getStyleClass().add("icon");
        shape.setScaleX(0.75);
        shape.setScaleY(0.75);
        return new javafx.scene.Group(shape);
    }
}
