package org.histoprune.prune;

import java.util.List;
import java.util.Locale;
import org.histoprune.nn.Branch;

/**
 * Which network(s) of a nuclei model a pruning job compresses. The seed paper prunes the segmentation and the
 * regression network separately; with {@link #BOTH} each branch is still pruned on its own (its own ranking,
 * its own CR), never ranked against the other.
 */
public enum PrunedBranches {
    SEGMENTATION(List.of(Branch.SEGMENTATION)),
    REGRESSION(List.of(Branch.REGRESSION)),
    BOTH(List.of(Branch.SEGMENTATION, Branch.REGRESSION));

    private final List<Branch> branches;

    PrunedBranches(List<Branch> branches) {
        this.branches = branches;
    }

    /** The branches pruned (and retrained), in network order. */
    public List<Branch> branches() {
        return branches;
    }

    public boolean includes(Branch branch) {
        return branches.contains(branch);
    }

    /** The command-line and results name: segmentation, regression or both. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PrunedBranches parse(String name) {
        for (PrunedBranches value : values()) {
            if (value.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("branch must be segmentation, regression or both, got '" + name + "'");
    }
}
