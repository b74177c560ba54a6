package org.histoprune.app.pruning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.concurrent.Task;
import org.histoprune.experiment.CellResult;
import org.histoprune.experiment.CellSpec;
import org.histoprune.experiment.Preset;
import org.histoprune.experiment.ResultStore;
import org.histoprune.experiment.Sweep;
import org.histoprune.experiment.SweepPlan;
import org.histoprune.nn.NucleiModel;
import org.histoprune.prune.Strategy;

/**
 * Runs (or resumes) the quick compression sweep of the current model into a results folder (the paper's design:
 * each branch pruned in its own chain and merged per CR): the preset's strategies plus the one chosen in the app, retrained on {@code data} and evaluated on {@code eval}. Returns
 * the number of finished cells. Cancelling stops within a retraining step or between evaluation images; the
 * unfinished cell is not stored, so the folder stays a valid, resumable sweep.
 */
public final class SweepTask extends Task<Integer> {
    private final NucleiModel model;
    private final Path results;
    private final Path data;
    private final Path eval;
    private final SweepPlan plan;
    private volatile Sweep sweep;

    SweepTask(NucleiModel model, Strategy chosen, Path results, Path data, Path eval, PruningPreferences settings) {
        this.model = model;
        this.results = results;
        this.data = data;
        this.eval = eval;
        SweepPlan quick = Preset.QUICK.plan(CellSpec.Study.COMPRESSION);
        List<String> strategies = new ArrayList<>(quick.strategies());
        if (!strategies.contains(chosen.cliName())) {
            strategies.add(chosen.cliName());
        }
        // the app's retraining steps cap each round; held-out checks (and plateaus) come every preset epoch
        int stepsPerEpoch = Math.min(settings.retrainSteps(), quick.recipe().stepsPerEpoch());
        this.plan = quick.withStrategies(strategies).withCrs(SweepPlan.powersOfTwo(settings.sweepMaxCr()))
                .withRecipe(quick.recipe().withStepsPerEpoch(stepsPerEpoch)
                        .withEpochs(Math.max(1, settings.retrainSteps() / stepsPerEpoch)).withCrop(settings.crop())
                        .withEvalTile(settings.evalTile()));
        updateTitle("Sweep");
    }

    /** The evaluation set for a dataset folder: its sibling {@code test} when it is a {@code train} folder. */
    static Path evaluationFolderFor(Path data) {
        Path test = data.resolveSibling("test");
        return data.getFileName() != null && data.getFileName().toString().equals("train") && Files.isDirectory(test)
                ? test : data;
    }

    @Override
    protected Integer call() throws Exception {
        ResultStore store = new ResultStore(results);
        updateMessage("saving the dense model");
        Path dense = saveDense(store);
        String evalName = eval.getFileName() == null ? "eval" : eval.getFileName().toString();
        List<CellSpec> grid = plan.cells(dense, data, Map.of(evalName, eval));
        sweep = new Sweep(store, dense, "histoprune app: sweep quick");
        int[] finished = new int[1];
        sweep.addListener(new Sweep.Listener() {
            @Override
            public void onStart(int done, int total) {
                finished[0] = done;
                updateProgress(done, total);
                updateMessage(done + " of " + total + " cells already finished");
            }

            @Override
            public void onCell(CellResult result, int done, int total) {
                finished[0] = done;
                updateProgress(done, total);
                updateMessage(String.format(Locale.ROOT, "%d of %d cells; last %s %s CR %d %s", done, total,
                        result.spec().strategy(), result.spec().branch(), result.spec().cr(),
                        result.status().name().toLowerCase(Locale.ROOT)));
            }
        });
        if (isCancelled()) {
            return finished[0];
        }
        sweep.run(grid);
        return finished[0];
    }

    /** Called on the FX thread when the task is cancelled: the sweep stops within a step. */
    @Override
    protected void cancelled() {
        Sweep running = sweep;
        if (running != null) {
            running.cancel();
        }
    }

    /**
     * The dense model as a file named by its content hash, so rerunning the sweep on the same model finds the
     * same cells and a different model never replaces the file earlier cells point to.
     */
    private Path saveDense(ResultStore store) throws IOException {
        Path temporary = Files.createTempFile(store.models(), "dense", ".tmp");
        try {
            model.save(temporary);
            Path named = store.models().resolve("dense-" + sha256(temporary).substring(0, 16) + ".hpm");
            if (!Files.isRegularFile(named)) {
                Files.move(temporary, named, StandardCopyOption.ATOMIC_MOVE);
            }
            return named;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
