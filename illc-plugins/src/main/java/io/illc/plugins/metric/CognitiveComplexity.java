package io.illc.plugins.metric;

import io.illc.api.ClusterAssignment;
import io.illc.api.DetailKey;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.MetricSums;
import io.illc.api.Mlp;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cognitive complexity Ω = Π_{l=1..d} K_l, the number of paths through the hidden cluster-neurons
 * (1 for a network without hidden layers). The value is Ω as a double; {@code details.exact} is
 * Ω as a decimal string (exact even where the double rounds) and {@code details.log10} is
 * Σ_l log10 K_l. Stateless and thread-safe.
 */
final class CognitiveComplexity implements Metric, Serializable {
    private static final long serialVersionUID = 1L;
    /** Ω as a decimal string, exact where the double value rounds. */
    static final DetailKey EXACT = new DetailKey("exact", DetailKey.Shape.STRING);
    /** log₁₀ Ω. */
    static final DetailKey LOG10 = new DetailKey("log10", DetailKey.Shape.NUMBER);

    static final CognitiveComplexity INSTANCE = new CognitiveComplexity();

    private CognitiveComplexity() {
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** The metric reads the networks alone: no pass over the rows. */
    @Override
    public Optional<MetricSums<?>> sums(Mlp original, Mlp compressed, List<ClusterAssignment> clusters) {
        return Optional.of(new NetworksOnly(this, original, compressed, clusters));
    }

    @Override
    public MetricResult evaluate(MetricInput in) {
        BigInteger omega = BigInteger.ONE;
        double log10 = 0;
        for (ClusterAssignment p : in.clusters()) {
            omega = omega.multiply(BigInteger.valueOf(p.clusterCount()));
            log10 += Math.log10(p.clusterCount());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(EXACT.name(), omega.toString());
        details.put(LOG10.name(), log10);
        return MetricResult.of(omega.doubleValue(), details);
    }
}
