package io.illc.core.local;

import io.illc.api.Matrix;

import java.util.SplittableRandom;

/**
 * The synthetic neighbourhood of {@code "neighbourhood": {"perturb": {"samples": M, "scale": s}}}:
 * the explained row x itself, then M points
 * <pre>  x'_j = x_j + s · σ_j · ε_j,   ε_j ~ N(0, 1) independent</pre>
 * with σ_j the feature's population standard deviation over the data (0 for a constant feature,
 * which therefore stays at x_j). This is LIME's tabular sampling with {@code sample_around_instance}:
 * Gaussian noise in standardised units, centred on the row rather than on the data's mean, so that
 * a row in the tails of the data still gets neighbours near it. The stream of ε is seeded by the
 * run seed and the row (a data row or a new row) alone, so a row's sample is the same for every
 * thread count and every other row asked for. Stateless.
 */
public final class PerturbationSample {
    /** Salt so the perturbations do not share a stream with the holdout split, training or row sample. */
    private static final long PERTURB_SALT = 0x7065727475726221L;
    /** Odd constants of the SplitMix64 finaliser, to spread (seed, row) over the whole seed space. */
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;

    private PerturbationSample() {
    }

    /** The seed the perturbations are drawn with for run seed {@code seed}; recorded in provenance. */
    public static long seed(long seed) {
        return seed ^ PERTURB_SALT;
    }

    /**
     * The explained row followed by its M perturbations, {@code [M + 1, m]}.
     *
     * @param x       the explained row, m raw feature values
     * @param std     σ_j per feature (≥ 0)
     * @param samples M ≥ 1
     * @param scale   s &gt; 0
     * @param seed    the run seed
     * @param row     the data row, or for a new row {@code -1 - i} (i its number in its file)
     */
    public static Matrix around(double[] x, double[] std, int samples, double scale, long seed, long row) {
        int m = x.length;
        if (std.length != m || samples < 1 || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("a perturbation sample needs " + m + " deviations (got " + std.length
                    + "), at least one sample (got " + samples + ") and a positive scale (got " + scale + ")");
        }
        SplittableRandom random = new SplittableRandom(mix(seed(seed) + mix(row)));
        double[] out = new double[(samples + 1) * m];
        System.arraycopy(x, 0, out, 0, m);
        for (int i = 1; i <= samples; i++) {
            for (int j = 0; j < m; j++) {
                // Draw even for a constant feature, so every feature's noise is the same for any σ.
                double e = random.nextGaussian();
                out[i * m + j] = std[j] > 0 ? x[j] + scale * std[j] * e : x[j];
            }
        }
        return Matrix.ofRowMajor(samples + 1, m, out);
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs (and so unrelated streams). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }
}
