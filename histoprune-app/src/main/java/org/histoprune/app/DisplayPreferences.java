package org.histoprune.app;

import java.util.prefs.Preferences;

/** The overlay style, remembered between runs. */
final class DisplayPreferences {
    private final Preferences node;

    DisplayPreferences(Preferences node) {
        this.node = node;
    }

    OverlayStyle load() {
        OverlayStyle defaults = OverlayStyle.defaults();
        double opacity = Math.max(0, Math.min(1, node.getDouble("opacity", defaults.opacity())));
        return new OverlayStyle(opacity, node.getBoolean("fill", defaults.fill()),
                node.getBoolean("colourPerInstance", defaults.colourPerInstance()));
    }

    void save(OverlayStyle style) {
        node.putDouble("opacity", style.opacity());
        node.putBoolean("fill", style.fill());
        node.putBoolean("colourPerInstance", style.colourPerInstance());
    }
}
