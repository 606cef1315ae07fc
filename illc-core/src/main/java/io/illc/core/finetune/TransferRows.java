package io.illc.core.finetune;

import io.illc.api.Matrix;
import io.illc.core.spec.TransferSpec;

import java.util.SplittableRandom;

/**
 * Draws the synthetic rows of a {@link TransferSpec}: for each, a random source row {@code x_i};
 * with {@code mixup} α &gt; 0 a second random row {@code x_j} and {@code x = t x_i + (1 − t) x_j},
 * {@code t ~ Beta(α, α)}; with {@code noise} σ &gt; 0 then {@code x_f += σ s_f ε_f}, {@code ε_f ~ N(0, 1)},
 * where {@code s_f} is feature f's standard deviation over the source rows (1 where it is constant).
 * The same rows, spec and seed give the same synthetic rows. Stateless.
 */
public final class TransferRows {
    private TransferRows() {
    }

    /**
     * @param rows  the source rows, {@code [N, m]}, N ≥ 1
     * @param scale s_f per feature, length m, each &gt; 0
     * @return {@code [spec.samples(), m]}
     */
    public static Matrix draw(Matrix rows, double[] scale, TransferSpec spec, long seed) {
        int m = rows.cols();
        double[] x = rows.toRowMajor();
        return draw(rows.rows(), m, (i, into) -> System.arraycopy(x, i * m, into, 0, m), scale, spec, seed);
    }

    /** Reads source row i. */
    @FunctionalInterface
    interface Source {
        void row(int i, double[] into);
    }

    /**
     * As {@link #draw(Matrix, double[], TransferSpec, long)} from {@code n} source rows of {@code m}
     * values read by position, so that the source rows need not be held.
     */
    static Matrix draw(int n, int m, Source rows, double[] scale, TransferSpec spec, long seed) {
        double[] out = new double[spec.samples() * m];
        double[] xi = new double[m];
        double[] xj = new double[m];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < spec.samples(); s++) {
            int i = random.nextInt(n);
            double t = 1;
            int j = i;
            if (spec.mixup() > 0) {
                j = random.nextInt(n);
                t = beta(spec.mixup(), random);
            }
            rows.row(i, xi);
            rows.row(j, xj);
            for (int f = 0; f < m; f++) {
                double v = t * xi[f] + (1 - t) * xj[f];
                if (spec.noise() > 0) {
                    v += spec.noise() * scale[f] * gaussian(random);
                }
                out[s * m + f] = v;
            }
        }
        return Matrix.ofRowMajor(spec.samples(), m, out);
    }

    /** Beta(α, α) as {@code G1 / (G1 + G2)} of two Gamma(α, 1) draws. */
    static double beta(double alpha, SplittableRandom random) {
        double g1 = gamma(alpha, random);
        double g2 = gamma(alpha, random);
        return g1 + g2 == 0 ? 0.5 : g1 / (g1 + g2);
    }

    /**
     * Gamma(α, 1) by Marsaglia and Tsang (2000); for α &lt; 1 from Gamma(α + 1) times {@code U^(1/α)}.
     */
    static double gamma(double alpha, SplittableRandom random) {
        if (alpha < 1) {
            return gamma(alpha + 1, random) * Math.pow(random.nextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = gaussian(random);
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** A standard normal draw by the Box–Muller transform (one of the pair; the other is not kept, for simplicity). */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble(); // (0, 1]: log(u) is finite
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
