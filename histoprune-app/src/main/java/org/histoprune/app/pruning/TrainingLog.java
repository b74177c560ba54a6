package org.histoprune.app.pruning;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The losses of the latest training in the app (Train, or the retraining rounds of Prune), one point per
 * optimizer step, for the live loss chart. Cleared when a new training starts; changes on the FX thread only.
 */
public final class TrainingLog {
    /** One step: its number within the job (counting on across pruning rounds) and the two branches' losses. */
    public record Point(long step, double segmentationLoss, double regressionLoss) {
    }

    private final ObservableList<Point> points = FXCollections.observableArrayList();
    private final ObservableList<Point> readOnly = FXCollections.unmodifiableObservableList(points);

    /** The points so far, oldest first. */
    public ObservableList<Point> points() {
        return readOnly;
    }

    void clear() {
        points.clear();
    }

    void add(Point point) {
        points.add(point);
    }
}
