package io.illc.core.spec;

import io.illc.api.AggregationFunction;
import io.illc.api.AggregationFunctionFactory;
import io.illc.api.ClusteringStrategy;
import io.illc.api.ClusteringStrategyFactory;
import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Metric;
import io.illc.api.MetricFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.api.Qbaf;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tiny stand-ins for the real plugins, with the same names and parameter shapes, so spec tests do
 * not depend on illc-plugins. Their instances do nothing; only names, parameters, the metric scope
 * and one rejected parameter combination matter here.
 */
final class FakePlugins {
    private FakePlugins() {
    }

    /** Every fake: clustering kmeans, agglomerative, labels; aggregation average, local, refit; three metrics; renderers dot, json. */
    static List<PluginDescriptor> all() {
        return List.of(
                d(PluginKind.CLUSTERING, new Clustering("kmeans", List.of(
                        Parameter.integer("maxIterations", 300, 1, Integer.MAX_VALUE, "most Lloyd iterations"),
                        Parameter.number("tolerance", 1e-4, 0, Double.MAX_VALUE, "relative inertia change to stop"),
                        Parameter.integer("restarts", 10, 1, Integer.MAX_VALUE, "seeded restarts")))),
                d(PluginKind.CLUSTERING, new Clustering("agglomerative", List.of(
                        Parameter.choice("linkage", "ward", List.of("ward", "average", "complete"), "linkage"),
                        Parameter.choice("distance", "euclidean", List.of("euclidean", "cosine"), "point distance")))),
                d(PluginKind.CLUSTERING, new Clustering("labels", List.of(
                        Parameter.requiredPath("file", "a JSON file of cluster labels per layer")))),
                d(PluginKind.AGGREGATION, new Aggregation("average", List.of())),
                d(PluginKind.AGGREGATION, new Aggregation("local", List.of(
                        Parameter.choice("zeroActivation", "one", List.of("one", "skip"), "zero-output guard")))),
                d(PluginKind.AGGREGATION, new Aggregation("refit", List.of(
                        Parameter.number("ridge", 0.001, 0, Double.POSITIVE_INFINITY, "relative ridge"),
                        Parameter.bool("fitBias", true, "fit the bias too")))),
                d(PluginKind.METRIC, new FakeMetric("io-unfaithfulness", MetricFactory.Scope.GLOBAL, List.of())),
                d(PluginKind.METRIC, new FakeMetric("structural-unfaithfulness", MetricFactory.Scope.GLOBAL, List.of(
                        Parameter.choice("norm", "l1", List.of("l1", "squared"), "per-weight difference")))),
                d(PluginKind.METRIC, new FakeMetric("local-io-unfaithfulness", MetricFactory.Scope.LOCAL, List.of())),
                d(PluginKind.RENDERER, new Renderer("dot")),
                d(PluginKind.RENDERER, new Renderer("json")));
    }

    static PluginCatalog catalog() {
        return PluginCatalog.of(all());
    }

    /** The fakes without the named plugins. */
    static PluginCatalog catalogWithout(String... names) {
        Set<String> drop = Set.of(names);
        List<PluginDescriptor> kept = new ArrayList<>(all());
        kept.removeIf(p -> drop.contains(p.name()));
        return PluginCatalog.of(kept);
    }

    private static PluginDescriptor d(PluginKind kind, io.illc.api.PluginFactory<?> factory) {
        return new PluginDescriptor(kind, factory.name(), factory, "test-fakes");
    }

    private abstract static class Named {
        private final String name;
        private final List<Parameter> parameters;

        Named(String name, List<Parameter> parameters) {
            this.name = name;
            this.parameters = parameters;
        }

        public String name() {
            return name;
        }

        public String description() {
            return "fake " + name;
        }

        public List<Parameter> parameters() {
            return parameters;
        }
    }

    private static final class Clustering extends Named implements ClusteringStrategyFactory {
        Clustering(String name, List<Parameter> parameters) {
            super(name, parameters);
        }

        @Override
        public ClusteringStrategy create(Parameters p) {
            // Like a real factory that rejects a combination its parameter declarations cannot express.
            if (p.has("linkage") && p.getString("linkage").equals("ward") && p.getString("distance").equals("cosine")) {
                throw new IllegalArgumentException("ward linkage needs the euclidean distance");
            }
            return (points, k, seed) -> {
                throw new UnsupportedOperationException("fake");
            };
        }
    }

    private static final class Aggregation extends Named implements AggregationFunctionFactory {
        Aggregation(String name, List<Parameter> parameters) {
            super(name, parameters);
        }

        @Override
        public AggregationFunction create(Parameters p) {
            return merge -> {
                throw new UnsupportedOperationException("fake");
            };
        }
    }

    private static final class FakeMetric extends Named implements MetricFactory {
        private final Scope scope;

        FakeMetric(String name, Scope scope, List<Parameter> parameters) {
            super(name, parameters);
            this.scope = scope;
        }

        @Override
        public Scope scope() {
            return scope;
        }

        @Override
        public Metric create(Parameters p) {
            return input -> {
                throw new UnsupportedOperationException("fake");
            };
        }
    }

    private static final class Renderer extends Named implements ExplanationRendererFactory {
        Renderer(String name) {
            super(name, List.of());
        }

        @Override
        public ExplanationRenderer create(Parameters p) {
            return new ExplanationRenderer() {
                @Override
                public String fileExtension() {
                    return name();
                }

                @Override
                public void render(Qbaf qbaf, OutputStream out) {
                    throw new UnsupportedOperationException("fake");
                }
            };
        }
    }
}
