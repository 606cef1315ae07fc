package io.illc.hostile;

import io.illc.api.AggregationFunction;
import io.illc.api.AggregationFunctionFactory;
import io.illc.api.ClusterAssignment;
import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.MetricResult;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.Vector;

import java.util.List;

/**
 * Plugins that misbehave on purpose, as a buggy or hostile third-party plugin would. Compiled by
 * the illc-cli tests (HostilePlugins) against illc-api alone into a plugin jar of its own, so that
 * illc sees it only through --plugin-path, and names that jar.
 */
public final class Hostile {
    /** What the {@code hostile} clustering does when asked to cluster. */
    public static final List<String> BEHAVIOURS = List.of("ok", "throw", "wrong-labels", "too-many-clusters", "allocate",
            "recurse", "sleep", "exit");
    /** What the {@code sleep} behaviour prints on stdout when it starts spinning. */
    public static final String SPINNING = "hostile: spinning";

    private Hostile() {
    }

    /** The clustering {@code hostile}: {@code {"behaviour": "throw"}} and the like; "ok" puts every neuron in one cluster. */
    public static final class Clustering implements ClusteringStrategyFactory {
        @Override
        public String name() {
            return "hostile";
        }

        @Override
        public String description() {
            return "misbehaves as its behaviour parameter says";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.choice("behaviour", "ok", BEHAVIOURS, "how to misbehave"),
                    Parameter.integer("millis", 60_000, 0, Integer.MAX_VALUE, "how long 'sleep' spins"));
        }

        @Override
        public ClusteringStrategy create(Parameters parameters) {
            String behaviour = parameters.getString("behaviour");
            int millis = parameters.getInt("millis");
            return (points, k, seed) -> switch (behaviour) {
                case "throw" -> throw new IllegalStateException("deliberately broken");
                case "wrong-labels" -> ClusterAssignment.fromLabels(new int[points.neurons() + 1]);
                case "too-many-clusters" -> ClusterAssignment.identity(points.neurons());
                case "allocate" -> {
                    // 16 GB at once: out of memory at once, without filling the test JVM's heap first.
                    long[] hog = new long[Integer.MAX_VALUE - 16];
                    yield ClusterAssignment.fromLabels(new int[hog.length]);
                }
                case "recurse" -> ClusterAssignment.fromLabels(new int[recurse(0)]);
                case "sleep" -> {
                    // Tells a test that forked the run that it is here now (a test plugin may print).
                    System.out.println(SPINNING);
                    System.out.flush();
                    // Spins rather than sleeps: an uninterruptible loop, the worst case for Ctrl-C.
                    long end = System.nanoTime() + millis * 1_000_000L;
                    long sum = 0;
                    while (System.nanoTime() < end) {
                        sum += end % 7;
                    }
                    yield ClusterAssignment.fromLabels(new int[points.neurons() + (int) (sum & 0)]);
                }
                case "exit" -> {
                    System.exit(3);
                    yield null;
                }
                default -> ClusterAssignment.fromLabels(new int[points.neurons()]);
            };
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }
    }

    /** The aggregation {@code hostile-nan}: every weight it returns is NaN. */
    public static final class NanAggregation implements AggregationFunctionFactory {
        @Override
        public String name() {
            return "hostile-nan";
        }

        @Override
        public String description() {
            return "returns NaN weights";
        }

        @Override
        public AggregationFunction create(Parameters parameters) {
            return new AggregationFunction() {
                @Override
                public DenseLayer mergeIncoming(DenseLayer halfMerged, ClusterAssignment clusters) {
                    return nan(clusters.clusterCount(), halfMerged.inputs(), halfMerged);
                }

                @Override
                public DenseLayer mergeOutgoing(io.illc.api.OutgoingMerge merge) {
                    return nan(merge.next().outputs(), merge.clusters().clusterCount(), merge.next());
                }
            };
        }

        private static DenseLayer nan(int rows, int cols, DenseLayer like) {
            double[] values = new double[rows * cols];
            java.util.Arrays.fill(values, Double.NaN);
            return new DenseLayer(Matrix.ofRowMajor(rows, cols, values), Vector.filled(rows, Double.NaN), like.activation());
        }
    }

    /** The global metric {@code hostile-nan}: always NaN. */
    public static final class NanMetric implements MetricFactory {
        @Override
        public String name() {
            return "hostile-nan";
        }

        @Override
        public String description() {
            return "always NaN";
        }

        @Override
        public Scope scope() {
            return Scope.GLOBAL;
        }

        @Override
        public Metric create(Parameters parameters) {
            return input -> MetricResult.of(Double.NaN);
        }
    }
}
