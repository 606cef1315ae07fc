package io.illc.core.local;

import io.illc.api.DetailKey;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricInput;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.compress.CompressionRequest;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.linalg.Nd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Local explanations (Definition 10). For an explained row x with kernel weights π over the data
 * rows and π̂ = π / Σπ:
 * <ol>
 *   <li>each hidden layer l is clustered on its activations with every row scaled by its weight,
 *       the points {@code A_l[:, i] ⊙ π} ({@code A_l} as the compression method defines it: the
 *       original network's for global, recomputed through the merged prefix for illc), into
 *       {@code k_l} clusters as in the global case;</li>
 *   <li>the aggregation merges with the row weights π̂;</li>
 *   <li>every local metric measures the result over the rows with weights π̂ and the explained row
 *       as {@link MetricInput#instance()}.</li>
 * </ol>
 *
 * <p><b>Negligible rows.</b> A row whose π̂ is below {@link LocalSettings#negligibleWeight()} is
 * left out of x's problem entirely: not clustered, not aggregated over, not measured. Its share of
 * any weighted sum is below that weight times the summand, and the default kernel is so narrow
 * that most rows are such rows, so each row's problem shrinks from N rows to its neighbours. The
 * original network's activations over all rows are computed once, in the constructor. The kept rows keep their π̂ as normalised over all rows (no
 * renormalisation), so every term that remains is the exact term of the full problem.
 *
 * <p><b>Neighbourhood.</b> The rows π runs over are every data row, or, with
 * {@link LocalSettings#sample()}, that seeded sample of them, the same for every explained row; an
 * explained data row not in the sample joins it with its own weight π = 1, and π̂ is normalised over
 * the sample plus that row. The kernel's standard deviations stay those of all the data rows. The
 * original network runs once over the sample, so a row's cost depends on the sample's size, not on N.
 *
 * <p><b>Perturbations.</b> With {@link LocalSettings#perturbation()} the rows are the explained row
 * and its own seeded Gaussian perturbations ({@link PerturbationSample}), for data rows and new rows
 * alike; the original network runs over them per explained row.
 *
 * <p><b>LIME baseline.</b> With {@link LocalSettings#limeRidge()} a {@link LimeSurrogate} is fitted on
 * the kept rows with their π and measured with their π̂, the rows and weights of the metrics.
 *
 * <p><b>New rows.</b> A row not in the data is explained over the same neighbourhood, the data
 * rows: its own kernel weight (1) is not part of π̂. No metric input then contains the row
 * ({@code instance = -1}); each metric is evaluated a second time on the row alone (weight 1,
 * {@code instance = 0}) and an {@code atInstance} detail of that evaluation is added to the
 * neighbourhood result.
 *
 * <p>Thread-safe when the settings' plugins are (as plugins must be).
 */
public final class LocalExplainer {
    /**
     * The default {@link LocalSettings#negligibleWeight()}: 10⁻¹⁶, about float64's unit roundoff
     * (2⁻⁵³ ≈ 1.1·10⁻¹⁶). All dropped rows together hold less than N·10⁻¹⁶ of the weight, so they
     * move a π̂-weighted mean by less than that share of its largest term. A larger threshold is
     * visible: with 10⁻¹² the golden tiny breast-cancer model's local metrics move by up to 3·10⁻⁵
     * relative (through rows with small π̂ but large unfaithfulness, and through {@code O/h} ratios of
     * cluster-neurons that are barely on), with 10⁻¹⁶ by less than 10⁻⁹ relative or 10⁻¹⁵ absolute.
     */
    public static final double NEGLIGIBLE_WEIGHT = 1e-16;

    private final LocalSettings settings;
    private final Compressor compressor;
    /** The data rows, row-major {@code [N, m]}, copied once so that no row's problem copies all of them. */
    private final double[] data;
    /**
     * The neighbourhood's data rows, ascending: {@code 0..N-1}, or the settings' sample. The explained
     * data row is added to them when it is not among them.
     */
    private final int[] pool;
    /**
     * The original network's outputs of layers 1..d+1 over the {@link #pool} rows, row-major
     * {@code [|pool|, n_l]}: they do not depend on the explained row, so they are computed once and each
     * row's problem takes its neighbours' rows from them.
     */
    private final List<double[]> originalActivations;

    /** Runs the original network over the neighbourhood once; the rest happens per explained row. */
    public LocalExplainer(LocalSettings settings, Compressor compressor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.compressor = Objects.requireNonNull(compressor, "compressor");
        this.data = settings.data().toRowMajor();
        int[] sample = settings.sample();
        if (sample == null) {
            this.pool = new int[settings.data().rows()];
            java.util.Arrays.setAll(pool, i -> i);
        } else {
            this.pool = sample;
        }
        // Every row: the data matrix as given, so that "all" is exactly the explanation without a sample.
        Matrix rows = sample == null ? settings.data() : selectRows(data, settings.data().cols(), pool);
        // Perturbed neighbourhoods are the rows' own: the data rows' activations are never needed.
        this.originalActivations = settings.perturbation() != null ? List.of()
                : Nd.forwardAll(rows, settings.original().layers()).stream().map(Matrix::toRowMajor).toList();
    }

    public LocalSettings settings() {
        return settings;
    }

    /** Explains data row {@code row} (0-based). */
    public LocalExplanation explain(int row) {
        Matrix data = settings.data();
        if (row < 0 || row >= data.rows()) {
            throw new IndexOutOfBoundsException("row " + row + " is not among the " + data.rows() + " data rows");
        }
        if (settings.perturbation() != null) {
            return explainPerturbed(row, false, data.row(row), row);
        }
        int at = java.util.Arrays.binarySearch(pool, row);
        int[] rows = pool;
        List<double[]> extra = null;
        if (at < 0) {
            // A sampled neighbourhood without the row: the row joins it, with its own weight π = 1.
            int insert = -at - 1;
            rows = new int[pool.length + 1];
            System.arraycopy(pool, 0, rows, 0, insert);
            rows[insert] = row;
            System.arraycopy(pool, insert, rows, insert + 1, pool.length - insert);
            extra = Nd.forwardAll(selectRows(this.data, data.cols(), new int[]{row}), settings.original().layers())
                    .stream().map(Matrix::toRowMajor).toList();
        }
        double[] pi = settings.kernel().weights(row, rows);
        Problem problem = problem(rows, at < 0 ? row : -1, pi, Kernel.normalise(pi));
        int instance = java.util.Arrays.binarySearch(problem.neighbours, row);
        double[] x = data.row(row);
        Solved solved = solve(problem, selectRows(this.data, data.cols(), problem.neighbours), gather(problem, extra),
                instance, x, "row " + row);
        double[] outputOriginal = solved.originalOutput(instance);
        double[] outputCompressed = solved.compressedOutput(instance);
        return new LocalExplanation(row, false, Vector.of(x), problem.neighbours, Vector.of(problem.weights),
                solved.compression.compressed(), solved.compression.partitions(), Vector.of(outputOriginal),
                Vector.of(outputCompressed), solved.metrics, Kernel.effectiveSize(pi), solved.lime);
    }

    /**
     * Explains a row that is not in the data.
     *
     * @param index the row's number in its own file, for the report
     * @param x     its feature values in input order
     * @throws IllegalArgumentException when every data row's kernel weight is 0 for this row
     */
    public LocalExplanation explainNew(int index, double[] x) {
        if (settings.perturbation() != null) {
            return explainPerturbed(index, true, x.clone(), -1L - index);
        }
        double[] pi = settings.kernel().weights(x, pool);
        Problem problem = problem(pool, -1, pi, Kernel.normalise(pi));
        Solved solved = solve(problem, selectRows(data, settings.data().cols(), problem.neighbours),
                gather(problem, null), -1, x, "new row " + index);
        Mlp original = settings.original();
        Mlp compressed = solved.compression.compressed();
        double[][] originalForward = original.forward(x);
        double[][] compressedForward = compressed.forward(x);
        MetricInput alone = new MetricInput(original, compressed, solved.compression.partitions(),
                rowAlone(originalForward), rowAlone(compressedForward), Vector.of(1.0), 0);
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Metric> m : settings.metrics().entrySet()) {
            MetricResult neighbourhood = solved.metrics.get(m.getKey());
            Object atInstance = m.getValue().evaluate(alone).details().get(DetailKey.AT_INSTANCE.name());
            if (atInstance == null) {
                metrics.put(m.getKey(), neighbourhood);
            } else {
                Map<String, Object> details = new LinkedHashMap<>(neighbourhood.details());
                details.put(DetailKey.AT_INSTANCE.name(), atInstance);
                metrics.put(m.getKey(), MetricResult.of(neighbourhood.value(), details));
            }
        }
        return new LocalExplanation(index, true, Vector.of(x), problem.neighbours, Vector.of(problem.weights),
                compressed, solved.compression.partitions(), Vector.of(originalForward[originalForward.length - 1]),
                Vector.of(compressedForward[compressedForward.length - 1]), metrics, Kernel.effectiveSize(pi),
                solved.lime);
    }

    /**
     * Explains data row {@code row}, given its values, over its own perturbations: for an engine that
     * holds the row but not the data set it belongs to. The same explanation as {@link #explain(int)}
     * of that row with every data row held.
     *
     * @throws IllegalStateException when the neighbourhood is not perturbed
     */
    public LocalExplanation explainPerturbed(int row, double[] x) {
        if (settings.perturbation() == null) {
            throw new IllegalStateException("the neighbourhood is data rows, not perturbations: use explain(row)");
        }
        return explainPerturbed(row, false, x.clone(), row);
    }

    /**
     * A row explained over its own perturbations ({@link PerturbationSample}): the row is point 0 of
     * its sample with π = 1, for data rows and new rows alike, so it is always the metrics' instance.
     *
     * @param key the row's stream: the data row, or {@code -1 - i} for new row i
     */
    private LocalExplanation explainPerturbed(int index, boolean newRow, double[] x, long key) {
        LocalSettings.Perturbation p = settings.perturbation();
        Matrix points = PerturbationSample.around(x, settings.kernel().standardDeviations(), p.samples(), p.scale(),
                settings.seed(), key);
        int[] all = new int[points.rows()];
        java.util.Arrays.setAll(all, i -> i);
        double[] pi = settings.kernel().weightsOf(x, points);
        Problem problem = problem(all, -1, pi, Kernel.normalise(pi));
        double[] values = points.toRowMajor();
        Matrix rows = selectRows(values, points.cols(), problem.neighbours);
        List<Matrix> activations = Nd.forwardAll(rows, settings.original().layers());
        Solved solved = solve(problem, rows, activations, 0, x, (newRow ? "new row " : "row ") + index);
        return new LocalExplanation(index, newRow, Vector.of(x), problem.neighbours, Vector.of(problem.weights),
                solved.compression.compressed(), solved.compression.partitions(), Vector.of(solved.originalOutput(0)),
                Vector.of(solved.compressedOutput(0)), solved.metrics, Kernel.effectiveSize(pi), solved.lime);
    }

    /**
     * The kept rows: π̂ at least the negligible weight.
     *
     * @param rows  the neighbourhood's data rows, ascending, aligned with {@code pi}
     * @param added the data row among {@code rows} that is not in {@link #pool}, or −1
     */
    private Problem problem(int[] rows, int added, double[] pi, double[] piHat) {
        double threshold = settings.negligibleWeight();
        int count = 0;
        for (double w : piHat) {
            if (w >= threshold) {
                count++;
            }
        }
        int[] neighbours = new int[count];
        int[] inPool = new int[count];
        double[] weights = new double[count];
        double[] pointWeights = new double[count];
        int next = 0;
        int before = 0;
        for (int r = 0; r < piHat.length; r++) {
            if (piHat[r] >= threshold) {
                neighbours[next] = rows[r];
                inPool[next] = rows[r] == added ? -1 : r - before;
                weights[next] = piHat[r];
                pointWeights[next] = pi[r];
                next++;
            }
            if (rows[r] == added) {
                before = 1;
            }
        }
        return new Problem(neighbours, inPool, weights, pointWeights);
    }

    /**
     * The original network's activations at the kept rows, taken from the pool's.
     *
     * @param extra the original network's activations at the explained row when it is not in the
     *              {@link #pool} ({@code [1, n_l]} row-major per layer), else {@code null}
     */
    private List<Matrix> gather(Problem problem, List<double[]> extra) {
        List<Matrix> activations = new ArrayList<>(originalActivations.size());
        for (int l = 0; l < originalActivations.size(); l++) {
            double[] layer = originalActivations.get(l);
            int cols = layer.length / pool.length;
            double[] out = new double[problem.inPool.length * cols];
            for (int i = 0; i < problem.inPool.length; i++) {
                int at = problem.inPool[i];
                if (at < 0) {
                    System.arraycopy(extra.get(l), 0, out, i * cols, cols);
                } else {
                    System.arraycopy(layer, at * cols, out, i * cols, cols);
                }
            }
            activations.add(Matrix.ofRowMajor(problem.inPool.length, cols, out));
        }
        return activations;
    }

    /**
     * @param rows        the kept rows' features, {@code [n, m]}
     * @param activations the original network's activations at them, layers 1..d+1
     * @param x           the explained row, the centre of the LIME baseline
     * @param row         the explained row for messages: {@code row 3}, {@code new row 0}
     */
    private Solved solve(Problem problem, Matrix rows, List<Matrix> activations, int instance, double[] x, String row) {
        Mlp original = settings.original();
        CompressionResult compression = compressor.compress(new CompressionRequest(original, rows, settings.method(),
                settings.clusterCounts(), settings.clustering(), settings.aggregation(), settings.seed(),
                Vector.of(problem.weights), Vector.of(problem.pointWeights)), activations);
        List<Matrix> compressedActivations = Nd.forwardAll(rows, compression.compressed().layers());
        MetricInput input = new MetricInput(original, compression.compressed(), compression.partitions(),
                compression.originalActivations(), compressedActivations, Vector.of(problem.weights), instance);
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        settings.metrics().forEach((name, metric) -> metrics.put(name, metric.evaluate(input)));
        LocalExplanation.Lime lime = null;
        if (settings.limeRidge() != null) {
            lime = lime(problem, rows, activations.get(activations.size() - 1), x, row);
        }
        return new Solved(compression, compressedActivations, metrics, lime);
    }

    /**
     * The LIME baseline on the kept rows: fitted with their π, measured with their π̂.
     *
     * @param row the explained row for a message: {@code row 3}, {@code new row 0}
     * @throws SettingException when the surrogate's system is singular (ridge 0)
     */
    private LocalExplanation.Lime lime(Problem problem, Matrix rows, Matrix outputs, double[] x, String row) {
        double[] std = settings.kernel().standardDeviations();
        double[] features = rows.toRowMajor();
        double[] y = outputs.toRowMajor();
        LimeSurrogate surrogate;
        try {
            surrogate = LimeSurrogate.fit(x, std, features, y, problem.pointWeights, settings.limeRidge());
        } catch (IllegalArgumentException singular) {
            throw new SettingException(Setting.LOCAL_BASELINE, row + ": " + singular.getMessage());
        }
        double unfaithfulness = LimeSurrogate.ioUnfaithfulness(y, surrogate.predict(x, std, features), problem.weights);
        return new LocalExplanation.Lime(surrogate, unfaithfulness);
    }

    /** The given rows of a row-major matrix with {@code cols} columns. */
    private static Matrix selectRows(double[] values, int cols, int[] rows) {
        double[] out = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * cols, out, i * cols, cols);
        }
        return Matrix.ofRowMajor(rows.length, cols, out);
    }

    /** Layers 1..d+1 of a single-row forward pass as {@code [1, n_l]} matrices. */
    private static List<Matrix> rowAlone(double[][] forward) {
        List<Matrix> out = new ArrayList<>(forward.length - 1);
        for (int l = 1; l < forward.length; l++) {
            out.add(Matrix.ofRowMajor(1, forward[l].length, forward[l]));
        }
        return out;
    }

    /**
     * One row's problem: the kept data rows, where each one's activations are in the pool (−1: the added
     * explained row), their π̂ (for the aggregation and metrics) and π (for the points).
     */
    private record Problem(int[] neighbours, int[] inPool, double[] weights, double[] pointWeights) {
    }

    private record Solved(CompressionResult compression, List<Matrix> compressedActivations,
                          Map<String, MetricResult> metrics, LocalExplanation.Lime lime) {
        double[] originalOutput(int instance) {
            List<Matrix> a = compression.originalActivations();
            return a.get(a.size() - 1).row(instance);
        }

        double[] compressedOutput(int instance) {
            return compressedActivations.get(compressedActivations.size() - 1).row(instance);
        }
    }
}
