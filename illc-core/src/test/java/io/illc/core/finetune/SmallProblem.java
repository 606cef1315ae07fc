package io.illc.core.finetune;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.ClusteringStrategy;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.PluginKind;
import io.illc.api.Vector;
import io.illc.core.catalog.GuardedPlugins;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.compress.CompressionRequest;
import io.illc.core.compress.CompressionResult;
import io.illc.core.compress.Compressor;
import io.illc.core.spec.CompressionSpec.Method;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A seeded random network, rows and an ILLC compression of it, for the fine-tuning tests. */
public final class SmallProblem {
    static final PluginCatalog CATALOG = PluginCatalog.discover(List.of());

    private SmallProblem() {
    }

    /** An installed plugin with its default parameters. */
    static PluginChoice defaults(PluginKind kind, String name) {
        PluginDescriptor d = CATALOG.require(kind, name);
        return new PluginChoice(kind, name, new ParameterResolver().resolveStrings(d, Map.of(), Path.of("")));
    }

    public static ClusteringStrategy kmeans() {
        return GuardedPlugins.clustering(CATALOG, defaults(PluginKind.CLUSTERING, "kmeans"));
    }

    static AggregationFunction average() {
        return GuardedPlugins.aggregation(CATALOG, defaults(PluginKind.AGGREGATION, "average"));
    }

    /** inputs → widths[0] → ... → outputs, the hidden layers of {@code hidden}, weights N(0, 1.5²/in). */
    public static Mlp network(long seed, int inputs, int[] widths, Activation hidden, int outputs, Activation output) {
        Random random = new Random(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l <= widths.length; l++) {
            int out = l < widths.length ? widths[l] : outputs;
            double[][] w = new double[out][in];
            double[] b = new double[out];
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < in; j++) {
                    w[i][j] = random.nextGaussian() * 1.5 / Math.sqrt(in);
                }
                b[i] = 0.1 * random.nextGaussian();
            }
            layers.add(new DenseLayer(Matrix.of(w), Vector.of(b), l < widths.length ? hidden : output));
            in = out;
        }
        return Mlp.unnamed(layers);
    }

    static Matrix rows(long seed, int n, int inputs) {
        Random random = new Random(seed);
        double[][] x = new double[n][inputs];
        for (double[] row : x) {
            for (int j = 0; j < inputs; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Matrix.of(x);
    }

    static CompressionResult compress(Mlp original, Matrix rows, int[] k) {
        return new Compressor().compress(CompressionRequest.uniform(original, rows, Method.ILLC, k, kmeans(), average(), 0));
    }

    /** The given rows of a matrix. */
    static Matrix select(Matrix m, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = m.row(rows[r]);
        }
        return Matrix.of(out);
    }
}
