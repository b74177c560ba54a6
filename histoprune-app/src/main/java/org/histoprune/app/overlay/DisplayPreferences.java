package org.histoprune.app.overlay;

import java.util.prefs.Preferences;
import org.histoprune.render.OverlayStyle;

/** The overlay style, remembered between runs. */
public final class DisplayPreferences {
    private final Preferences node;

    public DisplayPreferences(Preferences node) {
        this.node = node;
    }

    public OverlayStyle load() {
        OverlayStyle defaults = OverlayStyle.defaults();
        double opacity = Math.max(0, Math.min(1, node.getDouble("opacity", defaults.opacity())));
        return new OverlayStyle(opacity, node.getBoolean("fill", defaults.fill()),
                node.getBoolean("colourPerInstance", defaults.colourPerInstance()));
    }

    public void save(OverlayStyle style) {
        node.putDouble("opacity", style.opacity());
        node.putBoolean("fill", style.fill());
        node.putBoolean("colourPerInstance", style.colourPerInstance());
    }
}
