package org.histoprune.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageCacheTest {
    private static BufferedImage image() {
        return new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsPixelBudget() {
        ImageCache<String> cache = new ImageCache<>(300);
        cache.put("a", image());
        cache.put("b", image());
        cache.put("c", image());
        assertNotNull(cache.get("a"));
        cache.put("d", image());
        assertTrue(cache.contains("a"), "a was used last, so b goes first");
        assertFalse(cache.contains("b"));
        assertTrue(cache.contains("c"));
        assertTrue(cache.contains("d"));
    }

    @Test
    void keepsAnImageLargerThanTheBudgetUntilTheNextOne() {
        ImageCache<String> cache = new ImageCache<>(50);
        cache.put("big", image());
        assertNotNull(cache.get("big"));
        cache.put("next", image());
        assertNull(cache.get("big"));
    }
}
