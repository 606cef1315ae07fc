package io.illc.cli;

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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Plugins that misbehave on purpose, each in the way its {@code behaviour} parameter names, as a
 * buggy or hostile third-party plugin would. Not registered on the test class path: {@link #folder}
 * writes a plugin jar whose service files list them, so only runs given that folder see them.
 */
final class HostilePlugins {
    /** What the {@code hostile} clustering does when asked to cluster. */
    static final List<String> BEHAVIOURS = List.of("ok", "throw", "wrong-labels", "too-many-clusters", "allocate",
            "recurse", "sleep", "exit");

    /** What the {@code sleep} behaviour prints on stdout when it starts spinning. */
    static final String SPINNING = "hostile: spinning";

    private HostilePlugins() {
    }

    /**
     * A plugin folder holding {@code hostile.jar}, which lists the hostile clustering and aggregation,
     * and with {@code nanMetric} the NaN metric (a global metric runs in every spec by default).
     */
    static Path folder(Path parent, boolean nanMetric) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(nanMetric ? "hostile-plugins-nan" : "hostile-plugins"));
        try (OutputStream file = Files.newOutputStream(folder.resolve("hostile.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            service(jar, ClusteringStrategyFactory.class, Clustering.class);
            service(jar, AggregationFunctionFactory.class, NanAggregation.class);
            if (nanMetric) {
                service(jar, MetricFactory.class, NanMetric.class);
            }
        }
        return folder;
    }

    private static void service(JarOutputStream jar, Class<?> service, Class<?> implementation) throws IOException {
        jar.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
        jar.write((implementation.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
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
