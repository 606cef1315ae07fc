package io.illc.api;

import java.util.Arrays;

/**
 * A partition of the {@code n} neurons of one layer into {@code K} clusters, with canonical labels:
 * {@code 0..K-1} numbered by first appearance, and no empty cluster. Immutable and serializable.
 */
public final class ClusterAssignment implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] labels;
    private final int clusterCount;

    private ClusterAssignment(int[] labels, int clusterCount) {
        this.labels = labels;
        this.clusterCount = clusterCount;
    }

    /**
     * The partition given by arbitrary non-negative labels (neurons with equal labels share a
     * cluster), renumbered canonically.
     */
    public static ClusterAssignment fromLabels(int[] rawLabels) {
        int[] canonical = new int[rawLabels.length];
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < rawLabels.length; i++) {
            int next = seen.size();
            canonical[i] = seen.computeIfAbsent(rawLabels[i], k -> next);
        }
        return new ClusterAssignment(canonical, seen.size());
    }

    /** Every neuron in a cluster of its own: no compression. */
    public static ClusterAssignment identity(int neurons) {
        int[] labels = new int[neurons];
        Arrays.setAll(labels, i -> i);
        return new ClusterAssignment(labels, neurons);
    }

    /** n, the number of neurons partitioned. */
    public int neurons() {
        return labels.length;
    }

    /** K, the number of (non-empty) clusters. */
    public int clusterCount() {
        return clusterCount;
    }

    /** The cluster of neuron {@code neuron}. */
    public int label(int neuron) {
        return labels[neuron];
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** The neurons of cluster {@code cluster}, in increasing order. */
    public int[] members(int cluster) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cluster).toArray();
    }

    /** The neurons of every cluster, indexed by cluster, each in increasing order: {@link #members} of all, in one pass. */
    public int[][] membersByCluster() {
        int[] sizes = sizes();
        int[][] members = new int[clusterCount][];
        for (int c = 0; c < clusterCount; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] filled = new int[clusterCount];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][filled[labels[i]]++] = i;
        }
        return members;
    }

    /** The number of neurons in each cluster, indexed by cluster. */
    public int[] sizes() {
        int[] sizes = new int[clusterCount];
        for (int l : labels) {
            sizes[l]++;
        }
        return sizes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterAssignment c && Arrays.equals(c.labels, labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "ClusterAssignment" + Arrays.toString(labels);
    }
}
