package io.illc.plugins.clustering;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How {@link AgglomerativeClustering} measures the distance between two clusters, and how it updates
 * that distance when two clusters merge (the Lance–Williams recurrence). All three linkages are
 * <em>reducible</em> (a merged cluster is never closer to a third cluster than the nearer of its two
 * parts), which is what makes the nearest-neighbour-chain algorithm exact for them.
 */
enum Linkage {
    /**
     * Ward: works on <em>squared</em> Euclidean distances. With {@code d_ij = ‖p_i − p_j‖²} for
     * singletons, the recurrence keeps {@code d(A, B) = 2|A||B|/(|A|+|B|) · ‖c_A − c_B‖²}, twice the
     * increase of the within-cluster sum of squares when A and B merge. scipy reports the square root
     * of this value; the order of merges is the same.
     */
    WARD {
        @Override
        boolean squared() {
            return true;
        }

        @Override
        double merged(double dKi, double dKj, double dIj, int nI, int nJ, int nK) {
            return ((nI + nK) * dKi + (nJ + nK) * dKj - nK * dIj) / (nI + nJ + nK);
        }
    },
    /** Average (UPGMA): the mean plain Euclidean distance over all pairs of members. */
    AVERAGE {
        @Override
        boolean squared() {
            return false;
        }

        @Override
        double merged(double dKi, double dKj, double dIj, int nI, int nJ, int nK) {
            return (nI * dKi + nJ * dKj) / (nI + nJ);
        }
    },
    /** Complete: the largest plain Euclidean distance over all pairs of members. */
    COMPLETE {
        @Override
        boolean squared() {
            return false;
        }

        @Override
        double merged(double dKi, double dKj, double dIj, int nI, int nJ, int nK) {
            return Math.max(dKi, dKj);
        }
    };

    /** True when the recurrence runs on squared Euclidean distances, false for plain distances. */
    abstract boolean squared();

    /**
     * The distance from cluster {@code k} to the union of clusters {@code i} and {@code j}.
     *
     * @param dKi distance from k to i
     * @param dKj distance from k to j
     * @param dIj distance from i to j
     * @param nI  size of i
     * @param nJ  size of j
     * @param nK  size of k
     */
    abstract double merged(double dKi, double dKj, double dIj, int nI, int nJ, int nK);

    /** The name a spec uses, e.g. {@code ward}. */
    String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The spec names of all linkages, in declaration order. */
    static List<String> specNames() {
        return Arrays.stream(values()).map(Linkage::specName).toList();
    }

    /** The linkage a spec names. */
    static Linkage fromSpecName(String name) {
        for (Linkage l : values()) {
            if (l.specName().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown linkage '" + name + "'; allowed: " + String.join(", ", specNames()));
    }
}
