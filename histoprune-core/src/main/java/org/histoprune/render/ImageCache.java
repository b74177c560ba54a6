package org.histoprune.render;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/** A least-recently-used cache of rendered or decoded images, bounded by their total pixel count. Thread-safe. */
public final class ImageCache<K> {
    private final long maxPixels;
    private final LinkedHashMap<K, BufferedImage> images = new LinkedHashMap<>(256, 0.75f, true);
    private long pixels;

    ImageCache(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("cache size must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    synchronized BufferedImage get(K key) {
        return images.get(key);
    }

    synchronized boolean contains(K key) {
        return images.containsKey(key);
    }

    synchronized void put(K key, BufferedImage image) {
        BufferedImage previous = images.put(key, image);
        pixels += size(image) - (previous == null ? 0 : size(previous));
        var eldest = images.entrySet().iterator();
        while (pixels > maxPixels && eldest.hasNext()) {
            Map.Entry<K, BufferedImage> entry = eldest.next();
            if (entry.getKey().equals(key)) {
                break;
            }
            pixels -= size(entry.getValue());
            eldest.remove();
        }
    }

    synchronized int size() {
        return images.size();
    }

    public synchronized void clear() {
        images.clear();
        pixels = 0;
    }

    private static long size(BufferedImage image) {
        return (long) image.getWidth() * image.getHeight();
    }
}
