package org.histoprune.prune;

import org.histoprune.nn.PrunableTensor;

/** One conv kernel's share of a model's size and compute: weights in total and alive, MACs per input pixel. */
public record LayerCost(PrunableTensor tensor, long alive, double denseMacsPerPixel, double macsPerPixel) {
    public LayerCost(PrunableTensor tensor, long alive) {
        this(tensor, alive, tensor.macsPerPixel(), tensor.macsPerPixel() * alive / tensor.size());
    }

    public double sparsity() {
        return 1 - (double) alive / tensor.size();
    }
}
