package org.histoprune.app.pruning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.Preferences;
import org.histoprune.app.session.CompressionChoice;

/**
 * The pruning controls' settings, remembered between runs: the dataset folder used for retraining, training
 * and sweeps, the last sweep results folder, and the budgets of the app's jobs (kept small: the app is for
 * looking, the CLI for long runs).
 */
final class PruningPreferences {
    private static final String DATA = "dataFolder";
    private static final String RESULTS = "resultsFolder";

    private final Preferences node;

    PruningPreferences(Preferences node) {
        this.node = node;
    }

    /** The dataset folder, if one was chosen and still exists. */
    Optional<Path> dataFolder() {
        return folder(DATA);
    }

    void setDataFolder(Path folder) {
        setFolder(DATA, folder);
    }

    Optional<Path> resultsFolder() {
        return folder(RESULTS);
    }

    void setResultsFolder(Path folder) {
        setFolder(RESULTS, folder);
    }

    /** Optimizer steps of a Train job. */
    int trainSteps() {
        return Math.max(1, node.getInt("trainSteps", 200));
    }

    /** Retraining steps after each pruning round (Prune and Sweep, with a data folder). */
    int retrainSteps() {
        return Math.max(1, node.getInt("retrainSteps", 100));
    }

    /** Side of the training crops (a multiple of 16). */
    int crop() {
        int crop = node.getInt("crop", 256);
        return crop >= 16 && crop % 16 == 0 ? crop : 256;
    }

    /** Largest CR of an app sweep (a power of two). */
    int sweepMaxCr() {
        int cr = node.getInt("sweepMaxCr", 1 << CompressionChoice.MAX_LOG2_CR);
        return cr >= 2 && Integer.bitCount(cr) == 1 ? cr : 1 << CompressionChoice.MAX_LOG2_CR;
    }

    /** Side of the sweep's prediction tiles (a multiple of 16). */
    int evalTile() {
        int tile = node.getInt("evalTile", 512);
        return tile >= 16 && tile % 16 == 0 ? tile : 512;
    }

    private Optional<Path> folder(String key) {
        String value = node.get(key, null);
        return value == null ? Optional.empty() : Optional.of(Path.of(value)).filter(Files::isDirectory);
    }

    private void setFolder(String key, Path folder) {
        if (folder == null) {
            node.remove(key);
        } else {
            node.put(key, folder.toAbsolutePath().toString());
        }
    }
}
