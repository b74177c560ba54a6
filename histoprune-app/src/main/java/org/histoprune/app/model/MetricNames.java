package org.histoprune.app.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics a model file records (its provenance, keyed as the trainer and the evaluator write them) in words
 * people read: "validation Dice 0.63" instead of {@code val_pixel_dice}. Known metrics come first, in the order
 * below; others follow by key, their underscores as spaces.
 */
final class MetricNames {
    private record Name(String key, String label, String format) {
    }

    private static final List<Name> KNOWN = List.of(
            new Name("val_pixel_dice", "validation Dice", "%.2f"),
            new Name("dice", "Dice", "%.2f"),
            new Name("aji", "AJI", "%.2f"),
            new Name("aji_plus", "AJI+", "%.2f"),
            new Name("pq", "PQ", "%.2f"),
            new Name("val_score", "validation loss (segmentation + distance)", "%.3f"),
            new Name("best_val_score", "best validation loss", "%.3f"),
            new Name("val_seg_loss", "validation segmentation loss (BCE + Dice)", "%.3f"),
            new Name("val_reg_mse", "validation distance MSE", "%.4f"),
            new Name("mse", "distance MSE", "%.4f"));

    private MetricNames() {
    }

    /** At most {@code limit} lines, "name value", the most telling first. */
    static List<String> lines(Map<String, Double> metrics, int limit) {
        List<String> lines = new ArrayList<>();
        for (Name name : KNOWN) {
            Double value = metrics.get(name.key());
            if (value != null) {
                lines.add(name.label() + " " + String.format(Locale.ROOT, name.format(), value));
            }
        }
        metrics.entrySet().stream()
                .filter(metric -> KNOWN.stream().noneMatch(name -> name.key().equals(metric.getKey())))
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(metric -> lines.add(metric.getKey().replace('_', ' ')
                        + String.format(Locale.ROOT, " %.3f", metric.getValue())));
        return lines.subList(0, Math.min(limit, lines.size()));
    }
}
