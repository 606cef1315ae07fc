package io.illc.core.spec;

import io.illc.core.catalog.PluginChoice;
import java.util.List;
import java.util.Objects;

/**
 * How to compress the model. The cluster counts come from exactly one of {@code shrink},
 * {@code clusters} and {@code complexity}.
 *
 * @param method       illc or global
 * @param shrink       fraction of each hidden layer removed, in [0, 1); ignored when {@code clusters}
 *                     or {@code complexity} is set
 * @param clusters     explicit cluster counts, one per hidden layer, or {@code null}
 * @param clustering   the clustering plugin
 * @param aggregation  the aggregation plugin
 * @param holdout      share of rows held out from clustering and used for scoring; 0 = all rows ("rows": "all")
 * @param complexity   Ω ≥ 1, the budget {@code Π_l k_l ≤ Ω} that {@link io.illc.core.compress.ClusterBudget}
 *                     shares out over the hidden layers, or {@code null}
 * @param finetune     fine-tuning of the compressed weights, or {@code null} for none
 */
public record CompressionSpec(Method method, double shrink, List<Integer> clusters, PluginChoice clustering,
                              PluginChoice aggregation, double holdout, Double complexity, FinetuneSpec finetune) {

    /** The two compressors. */
    public enum Method {
        /** SpArX: every layer clustered on the original network's activations. */
        GLOBAL,
        /** ILLC: layer by layer, on activations recomputed through the compressed prefix. */
        ILLC;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CompressionSpec {
        Objects.requireNonNull(method, "method");
        clusters = clusters == null ? null : List.copyOf(clusters);
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(aggregation, "aggregation");
        if (clusters != null && complexity != null) {
            throw new IllegalArgumentException("give clusters or complexity, not both");
        }
        if (complexity != null && !(complexity >= 1 && Double.isFinite(complexity))) {
            throw new IllegalArgumentException("complexity must be a finite number ≥ 1, got " + complexity);
        }
    }

    /** A compression by {@code shrink} or {@code clusters}, without fine-tuning. */
    public CompressionSpec(Method method, double shrink, List<Integer> clusters, PluginChoice clustering,
                           PluginChoice aggregation, double holdout) {
        this(method, shrink, clusters, clustering, aggregation, holdout, null, null);
    }

    /**
     * k_l for every hidden layer of the given widths: explicit counts, or {@code max(1, floor((1 - shrink) n_l + 1e-9))}.
     *
     * @throws IllegalStateException with a {@code complexity}: those counts depend on the data (see
     *                               {@link io.illc.core.compress.ClusterBudget})
     */
    public int[] clusterCounts(int[] widths) {
        if (complexity != null) {
            throw new IllegalStateException("the cluster counts of a complexity budget are allocated from the data");
        }
        int[] k = new int[widths.length];
        for (int l = 0; l < widths.length; l++) {
            k[l] = clusters != null ? clusters.get(l) : clusterCount(shrink, widths[l]);
        }
        return k;
    }

    /** {@code max(1, floor((1 - shrink) * n + 1e-9))}; the 1e-9 keeps 0.2 * 100 from flooring to 19. */
    public static int clusterCount(double shrink, int neurons) {
        return Math.max(1, (int) Math.floor((1 - shrink) * neurons + 1e-9));
    }
}
