package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pruned (masked) model loads on any thread, not only on one where PyTorch's grad mode was already off. */
class MaskedModelLoadTest {
    @TempDir
    Path dir;

    @Test
    void masksApplyOnAFreshThread() throws Exception {
        Path file = dir.resolve("masked.hpm");
        PrunableTensor tensor;
        try (NucleiModel model = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            tensor = model.weights().tensors().get(0);
            BitSet keep = new BitSet((int) tensor.size());
            keep.set(0, (int) tensor.size() / 2);
            model.weights().setMask(tensor, keep);
            model.save(file);
        }
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            long alive = CompletableFuture.supplyAsync(() -> {
                try (NucleiModel loaded = NucleiModel.load(file)) {
                    return loaded.weights().alive(loaded.weights().tensors().get(0));
                }
            }, fresh).get();
            assertEquals(tensor.size() / 2, alive);
        } finally {
            fresh.shutdown();
        }
    }
}
