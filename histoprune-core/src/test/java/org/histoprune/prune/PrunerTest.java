package org.histoprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.Branch;
import org.histoprune.nn.ModelWeights;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.PrunableTensor;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrunerTest {
    static final UNetConfig TINY = new UNetConfig(4, 2);

    @TempDir
    Path dir;

    @Test
    void globalPruningReachesTheRatioInLog2RoundsWithOneThreshold() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            Pruner pruner = new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 8));
            assertEquals(3, pruner.rounds());
            PrunePlan plan = pruner.plan();
            assertEquals(0, ModelCost.of(model).sparsity(), 1e-12, "plan must not touch the model");
            double[] expected = {0.5, 0.75, 0.875};
            for (int round = 1; round <= 3; round++) {
                assertEquals(expected[round - 1], pruner.step(round).sparsity(), 0.001);
            }
            assertEquals(plan.after().sparsity(), ModelCost.of(model).sparsity(), 1e-9);
            // one threshold per branch: every kept weight is at least as large as every pruned one of its branch
            try (NucleiModel fresh = NucleiModel.create(TINY, 3)) {
                for (Branch branch : Branch.values()) {
                    assertThresholdWithin(model.weights(), fresh.weights(), branch);
                }
            }
        }
    }

    private static void assertThresholdWithin(ModelWeights pruned, ModelWeights dense, Branch branch) {
        float smallestKept = Float.MAX_VALUE;
        float largestPruned = 0;
        for (PrunableTensor tensor : dense.tensors(branch)) {
            float[] values = dense.read(tensor);
            BitSet keep = pruned.mask(tensor).orElseThrow();
            for (int i = 0; i < values.length; i++) {
                if (keep.get(i)) {
                    smallestKept = Math.min(smallestKept, Math.abs(values[i]));
                } else {
                    largestPruned = Math.max(largestPruned, Math.abs(values[i]));
                }
            }
        }
        assertTrue(largestPruned <= smallestKept, branch + ": " + largestPruned + " > " + smallestKept);
    }

    @Test
    void networkWidePruningOfOneBranchLeavesTheOtherUntouchedAndReachesTheCrWithinTheBranch() {
        try (NucleiModel model = NucleiModel.create(TINY, 5); NucleiModel dense = NucleiModel.create(TINY, 5)) {
            ModelWeights weights = shrinkRegression(model);
            new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 4).withOneShot(true)
                    .withBranches(PrunedBranches.SEGMENTATION)).step(1);
            for (PrunableTensor tensor : weights.tensors(Branch.REGRESSION)) {
                assertTrue(weights.mask(tensor).isEmpty(), tensor.key() + " must stay unpruned");
                assertEquals(tensor.size(), weights.alive(tensor));
            }
            long all = weights.tensors(Branch.SEGMENTATION).stream().mapToLong(PrunableTensor::size).sum();
            long alive = weights.tensors(Branch.SEGMENTATION).stream().mapToLong(weights::alive).sum();
            assertEquals(all / 4.0, alive, 1.0, "CR 4 within the segmentation branch");
            assertThresholdWithin(weights, dense.weights(), Branch.SEGMENTATION);
        }
    }

    /** Scales the regression weights down 1000x: a ranking across branches would prune them first. */
    private static ModelWeights shrinkRegression(NucleiModel model) {
        ModelWeights weights = model.weights();
        for (PrunableTensor tensor : weights.tensors(Branch.REGRESSION)) {
            float[] values = weights.read(tensor);
            for (int i = 0; i < values.length; i++) {
                values[i] *= 1e-3f;
            }
            weights.write(tensor, values);
        }
        return weights;
    }

    @Test
    void bothBranchesArePrunedEachToTheCrOnItsOwn() {
        try (NucleiModel model = NucleiModel.create(TINY, 5)) {
            ModelWeights weights = shrinkRegression(model);
            new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 8)).step(3);
            for (Branch branch : Branch.values()) {
                long all = weights.tensors(branch).stream().mapToLong(PrunableTensor::size).sum();
                long alive = weights.tensors(branch).stream().mapToLong(weights::alive).sum();
                assertEquals(all / 8.0, alive, 1.0, branch + " at CR 8 on its own");
            }
        }
    }

    @Test
    void layerwisePruningTakesTheSameFractionOfEveryTensor() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            ModelCost cost = new Pruner(model, PruneConfig.magnitude(Strategy.LAYERWISE, 4).withOneShot(true)).step(1);
            assertEquals(0.75, cost.sparsity(), 0.001);
            for (LayerCost layer : cost.layers()) {
                assertEquals(layer.tensor().size() / 4.0, layer.alive(), 1.0, layer.tensor().key());
            }
            assertEquals(4, cost.speedup(), 0.05);
        }
    }

    @Test
    void refusesALayerwiseRatioThatWouldEmptyALayer() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            // the 3x3 head of a base-4 net has 36 weights: layer-wise CR 32 leaves it one, CR 64 none
            new Pruner(model, PruneConfig.magnitude(Strategy.LAYERWISE, 32));
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> new Pruner(model, PruneConfig.magnitude(Strategy.LAYERWISE, 64)));
            assertTrue(refused.getMessage().contains("head"), refused.getMessage());
            assertEquals(0, ModelCost.of(model).sparsity(), 1e-12);
            ModelCost cost = new Pruner(model, PruneConfig.magnitude(Strategy.LAYERWISE, 8).withExcludeFirstLast(true))
                    .step(3);
            assertEquals(0.875, cost.sparsity(), 0.001);
            assertEquals(0, cost.layers().get(0).sparsity(), 1e-12, "the first layer stays dense");
        }
    }

    @Test
    void nOfMKeepsAtMostNInEveryGroupOfM() {
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            ModelCost cost = new Pruner(model, PruneConfig.nm(2, 4)).step(1);
            assertEquals(0.5, cost.sparsity(), 0.02);
            for (PrunableTensor tensor : model.weights().tensors()) {
                BitSet keep = model.weights().mask(tensor).orElseThrow();
                for (int filter = 0; filter < tensor.size(); filter += tensor.filterSize()) {
                    for (int start = filter; start < filter + tensor.filterSize(); start += 4) {
                        int end = Math.min(start + 4, filter + tensor.filterSize());
                        assertTrue(keep.get(start, end).cardinality() <= Math.ceil(2.0 * (end - start) / 4));
                    }
                }
            }
        }
    }

    @Test
    void iterativeRunKeepsMasksThroughRetrainingAndResumes() throws Exception {
        Path data = TinyNuclei.write(dir.resolve("data"), 3, 64, 5);
        Path input = dir.resolve("dense.hpm");
        try (NucleiModel model = NucleiModel.create(TINY, 3)) {
            model.save(input);
        }
        PruneConfig config = PruneConfig.magnitude(Strategy.GLOBAL, 4)
                .withRetraining(data, 1, 1, Retraining.REWIND, 64);
        Path out = dir.resolve("pruned.hpm");
        List<PruneListener.Round> rounds = new ArrayList<>();
        ModelCost cost = new PruneRun(config).addListener(new PruneListener() {
            @Override
            public void onRound(Round round) {
                rounds.add(round);
            }
        }).run(input, out, "test");
        assertEquals(2, rounds.size());
        assertEquals(0.75, cost.sparsity(), 0.001);
        try (NucleiModel pruned = NucleiModel.load(out); NucleiModel dense = NucleiModel.load(input)) {
            boolean retrained = false;
            for (PrunableTensor tensor : pruned.weights().tensors()) {
                float[] values = pruned.weights().read(tensor);
                float[] before = dense.weights().read(tensor);
                BitSet keep = pruned.weights().mask(tensor).orElseThrow();
                for (int i = 0; i < values.length; i++) {
                    if (!keep.get(i)) {
                        assertEquals(0f, values[i], tensor.key() + " weight " + i);
                    } else {
                        retrained |= values[i] != before[i];
                    }
                }
            }
            assertTrue(retrained, "kept weights should have been retrained");
        }
        // a finished job reruns instantly from its round files
        rounds.clear();
        Files.delete(out);
        new PruneRun(config).addListener(new PruneListener() {
            @Override
            public void onRound(Round round) {
                rounds.add(round);
            }
        }).run(input, out, "test");
        assertTrue(rounds.stream().allMatch(PruneListener.Round::resumed));
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    void maskedModelSavesSparse() throws Exception {
        UNetConfig config = new UNetConfig(16, 2);
        Path dense = dir.resolve("dense.hpm");
        Path sparse = dir.resolve("sparse.hpm");
        try (NucleiModel model = NucleiModel.create(config, 3)) {
            model.save(dense);
            new Pruner(model, PruneConfig.magnitude(Strategy.GLOBAL, 16).withOneShot(true)).step(1);
            model.save(sparse);
        }
        long denseSize = Files.size(dense);
        long sparseSize = Files.size(sparse);
        assertTrue(sparseSize * 6 <= denseSize, "CR 16 file " + sparseSize + " vs dense " + denseSize);
    }
}
