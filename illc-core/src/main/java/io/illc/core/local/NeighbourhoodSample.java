package io.illc.core.local;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seeded sample of data rows that is the neighbourhood of every explained row when the spec asks
 * for {@code "neighbourhood": {"sample": M}} (or the default above
 * {@link io.illc.core.spec.LocalSpec.Neighbourhood#DEFAULT_LIMIT} rows). The sample depends on the
 * number of rows, M and the run seed only: not on the explained row (so all rows share one
 * neighbourhood) and not on the thread count. Stateless.
 */
public final class NeighbourhoodSample {
    /** Salt so the neighbourhood sample does not share a stream with the holdout split or the training. */
    private static final long SAMPLE_SALT = 0x6E65696768626F75L;

    private NeighbourhoodSample() {
    }

    /** The seed the sample is drawn with for run seed {@code seed}; recorded in provenance. */
    public static long seed(long seed) {
        return seed ^ SAMPLE_SALT;
    }

    /**
     * {@code min(m, rows)} distinct row indices in {@code 0..rows-1}, ascending: the first positions of a
     * partial Fisher–Yates shuffle seeded with {@link #seed(long)}. With {@code m ≥ rows} every row.
     *
     * @param rows N ≥ 1
     * @param m    the sample size, ≥ 1
     * @param seed the run seed
     */
    public static int[] rows(int rows, int m, long seed) {
        if (rows < 1 || m < 1) {
            throw new IllegalArgumentException("a sample of " + m + " of " + rows + " rows; both must be at least 1");
        }
        int[] all = new int[rows];
        Arrays.setAll(all, i -> i);
        if (m >= rows) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed(seed));
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(rows - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] sample = Arrays.copyOf(all, m);
        Arrays.sort(sample);
        return sample;
    }
}
