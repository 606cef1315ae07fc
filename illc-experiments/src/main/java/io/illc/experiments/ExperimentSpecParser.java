package io.illc.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Activation;
import io.illc.api.MetricFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.catalog.Suggestions;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.io.StrictJson;
import io.illc.core.run.Json;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.FinetuneSpec;
import io.illc.core.spec.LocalSpec;
import io.illc.core.spec.SpecChecks;
import io.illc.core.spec.SpecParser;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads a version-1 experiment spec (see {@code docs/experiments.md}) into a checked, fully
 * defaulted {@link ExperimentSpec}. As strict as the pipeline's {@link SpecParser}: malformed JSON,
 * duplicate keys, unknown fields, wrong types, unknown names and parameters, out-of-range numbers
 * and repeated grid values are errors, all collected before failing, each reading
 * {@code "<JSON path>: <message>"}. Thread-safe.
 */
public final class ExperimentSpecParser {
    /** The only experiment spec version this parser reads. */
    public static final int VERSION = 1;

    /**
     * The metric measured a second time when the spec names no metrics: structural unfaithfulness
     * with the squared norm, next to its default (l1) form, as the paper reports both.
     */
    static final String EXTRA_METRIC = "structural-unfaithfulness";
    static final String EXTRA_PARAMETER = "norm";
    static final String EXTRA_VALUE = "squared";

    private static final List<String> ROOT_FIELDS = List.of("$schema", "experimentVersion", "seed", "data", "model",
            "grid", "metrics", "execution", "output");
    private static final List<String> MODEL_FIELDS = List.of("load", "format");
    /** The grid fields that describe training, refused next to {@code "model"}. */
    private static final List<String> TRAINING_FIELDS = List.of("depths", "widths", "trainingSeeds", "activation", "train");
    private static final List<String> GRID_FIELDS = List.of("depths", "widths", "activation", "trainingSeeds", "shrinks",
            "methods", "clusterings", "aggregations", "train", "localRows", "localNeighbourhood", "holdout", "finetune");
    private static final List<String> FINETUNE_FIELDS = List.of("methods", "aggregations", "params");
    private static final List<String> TRAIN_FIELDS = List.of("epochs", "batchSize", "learningRate", "testFraction", "output");
    private static final List<String> CHOICE_FIELDS = List.of("name", "params", "label");
    private static final List<String> METHODS = List.of("global", "illc");

    private final PluginCatalog catalog;
    private final ParameterResolver resolver = new ParameterResolver();

    /** @param catalog resolves every plugin the spec names */
    @Inject
    public ExperimentSpecParser(PluginCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads a spec file; relative paths resolve against its folder, and the default output folder is
     * {@code illc-out/<file name without .json>}.
     *
     * @throws InputException for a missing or unreadable file and for every problem in it
     */
    public ExperimentSpec parse(Path specFile) {
        Path file = specFile.toAbsolutePath().normalize();
        String json = StrictJson.readText(file, "experiment spec", "give the path of a JSON experiment spec (see docs/experiments.md)");
        // The whole path, as the pipeline spec parser does: it names the file in JSON syntax errors.
        return parse(json, file.getParent(), file.toString());
    }

    /**
     * Reads a spec given as text.
     *
     * @param baseDir  the folder relative paths resolve against
     * @param specName names the default output folder ({@code .json} dropped) and the source in messages
     * @throws InputException listing every problem
     */
    public ExperimentSpec parse(String json, Path baseDir, String specName) {
        JsonNode root = StrictJson.readTree(json, specName,
                "{\"experimentVersion\": 1, \"grid\": {\"depths\": [5], \"widths\": [100]}}");
        String outputName = StrictJson.baseName(specName);
        return new Walk(baseDir.toAbsolutePath().normalize()).spec(root, outputName);
    }

    /**
     * Whether {@code file} is a JSON object with an {@code experimentVersion} field: an experiment spec
     * rather than a pipeline spec. False for anything else, whose parser then says what is wrong.
     */
    public static boolean isExperimentSpec(Path file) {
        try {
            JsonNode root = StrictJson.readTree(StrictJson.readText(file, "spec file", ""), file.toString(), "");
            return root.isObject() && root.has("experimentVersion");
        } catch (InputException e) {
            return false;
        }
    }

    /** One parse: collects problems instead of stopping at the first. */
    private final class Walk extends SpecChecks {
        Walk(Path baseDir) {
            super(baseDir, resolver);
        }

        ExperimentSpec spec(JsonNode root, String outputName) {
            if (!expectObject(root, "$")) {
                throw failure();
            }
            onlyFields(root, "$", ROOT_FIELDS);
            schemaHint(root);
            JsonNode version = root.get("experimentVersion");
            if (version == null) {
                report("$.experimentVersion: missing; an experiment spec starts with \"experimentVersion\": " + VERSION
                        + (root.has("specVersion") ? " (this looks like a pipeline spec: run it with 'illc run')" : ""));
            } else {
                Long v = longValue(version, "$.experimentVersion");
                if (v != null && v != VERSION) {
                    report("$.experimentVersion: unsupported version " + v + "; this illc reads version " + VERSION);
                }
            }
            Long seed = root.has("seed") ? longValue(root.get("seed"), "$.seed") : Long.valueOf(0);
            DataSpec data = data(root.get("data"), "$.data");
            boolean loads = root.has("model");
            ExperimentSpec.ModelFiles models = loads ? models(root.get("model"), "$.model") : null;
            ExperimentGrid grid = grid(root.get("grid"), "$.grid", loads);
            List<LabelledChoice> metrics = root.has("metrics") ? metrics(root.get("metrics"), "$.metrics") : defaultMetrics();
            Path output = root.has("output") ? path(root.get("output"), "$.output")
                    : baseDir().resolve("illc-out").resolve(outputName).normalize();
            ExecutionSpec execution = execution(root.get("execution"), "$.execution");
            if (problemCount() > 0) {
                throw failure();
            }
            return new ExperimentSpec(VERSION, seed, data, models, grid, metrics, metricDirections(), output, baseDir(),
                    execution);
        }

        /** {@code {"threads": N}} with N ≥ 1, or {@code null} (every processor); absent is the default. */
        private ExecutionSpec execution(JsonNode n, String path) {
            if (n == null || n.isNull() || !expectObject(n, path)) {
                return ExecutionSpec.DEFAULT;
            }
            onlyFields(n, path, List.of("threads"));
            JsonNode threads = n.get("threads");
            if (threads == null || threads.isNull()) {
                return ExecutionSpec.DEFAULT;
            }
            Integer count = intAtLeast(threads, path + ".threads", 1);
            return count == null ? ExecutionSpec.DEFAULT : new ExecutionSpec(count);
        }

        // ---- data ----

        private DataSpec data(JsonNode n, String path) {
            if (n == null) {
                return new DataSpec.Builtin("breast-cancer");
            }
            DataForm form = dataForm(n, path);
            if (form == null) {
                return null;
            }
            if (form == DataForm.BUILTIN) {
                onlyFields(n, path, List.of("builtin"));
                String name = choice(n.get("builtin"), path + ".builtin", "builtin dataset", BuiltinDatasets.names());
                return name == null ? null : new DataSpec.Builtin(name);
            }
            onlyFields(n, path, List.of("csv", "label"));
            Path file = path(n.get("csv"), path + ".csv");
            JsonNode label = n.get("label");
            if (label == null) {
                return file == null ? null : new DataSpec.Csv(file, null, true);
            }
            if (!label.isTextual()) {
                // Training needs labels, so unlike a pipeline spec, "label": null is not allowed here.
                report(path + ".label: expected the label column's name (a string), got " + describe(label));
                return null;
            }
            return file == null ? null : new DataSpec.Csv(file, label.textValue(), true);
        }

        // ---- loaded models ----

        /**
         * {@code {"load": FILE or [FILE, ...], "format": null or a reader}}: the files are checked
         * against the data when the experiment runs, as {@code illc run} checks its model.
         */
        private ExperimentSpec.ModelFiles models(JsonNode n, String path) {
            if (!expectObject(n, path)) {
                return null;
            }
            onlyFields(n, path, MODEL_FIELDS);
            int before = problemCount();
            JsonNode load = n.get("load");
            List<Path> files = null;
            if (load == null) {
                report(path + ".load: missing; give a model file or a list of them, e.g. \"load\": [\"a.json\", \"b.onnx\"]"
                        + " (paths relative to the spec file)");
            } else if (load.isArray()) {
                files = list(load, path + ".load", "model file", this::path);
            } else if (load.isTextual()) {
                Path file = path(load, path + ".load");
                files = file == null ? null : List.of(file);
            } else {
                report(path + ".load: expected a model file (a string) or a list of them, got " + describe(load));
            }
            JsonNode f = n.get("format");
            String format = f == null || f.isNull() ? null : choice(f, path + ".format", "model format", SpecParser.MODEL_FORMATS);
            if (problemCount() > before || files == null) {
                return null;
            }
            return new ExperimentSpec.ModelFiles(files, format);
        }

        // ---- grid ----

        /** The grid; with {@code loads} (the spec names its models) without training fields, and optional. */
        private ExperimentGrid grid(JsonNode n, String path, boolean loads) {
            if (n == null && !loads) {
                report(path + ": missing; give at least {\"depths\": [...], \"widths\": [...]}, or existing models"
                        + " as \"model\": {\"load\": [...]}");
                return null;
            }
            if (n == null) {
                n = Json.object(); // every field of a grid without training has a default
            }
            if (!expectObject(n, path)) {
                return null;
            }
            onlyFields(n, path, GRID_FIELDS);
            int before = problemCount();
            if (loads) {
                for (String field : TRAINING_FIELDS) {
                    if (n.has(field)) {
                        report(path + "." + field + ": not allowed with $.model.load, got " + n.get(field)
                                + "; loaded models are not trained, so remove it (or remove \"model\" to train a grid)");
                    }
                }
            }
            List<Integer> depths = loads ? List.of() : required(n, "depths", path, "hidden layer count",
                    (e, p) -> intAtLeast(e, p, 1));
            List<Integer> widths = loads ? List.of()
                    : required(n, "widths", path, "hidden layer width", (e, p) -> intAtLeast(e, p, 1));
            Activation activation = loads ? null : Activation.RELU;
            if (n.has("activation") && !loads) {
                String a = choice(n.get("activation"), path + ".activation", "activation", SpecParser.HIDDEN_ACTIVATIONS);
                activation = a == null ? null : Activation.fromName(a);
            }
            List<Long> seeds = loads ? List.of() : n.has("trainingSeeds")
                    ? list(n.get("trainingSeeds"), path + ".trainingSeeds", "training seed", this::longValue)
                    : List.of(0L);
            List<Double> shrinks = n.has("shrinks")
                    ? list(n.get("shrinks"), path + ".shrinks", "shrink", this::shrink) : List.of(0.8);
            List<Method> methods = n.has("methods")
                    ? list(n.get("methods"), path + ".methods", "method", this::method)
                    : List.of(Method.GLOBAL, Method.ILLC);
            List<LabelledChoice> clusterings = n.has("clusterings")
                    ? choices(n.get("clusterings"), path + ".clusterings", PluginKind.CLUSTERING)
                    : List.of(defaultChoice(PluginKind.CLUSTERING, "kmeans", path + ".clusterings"));
            List<LabelledChoice> aggregations = n.has("aggregations")
                    ? choices(n.get("aggregations"), path + ".aggregations", PluginKind.AGGREGATION)
                    : List.of(defaultChoice(PluginKind.AGGREGATION, "average", path + ".aggregations"));
            ExperimentGrid.Training training = loads ? null : n.has("train") ? training(n.get("train"), path + ".train")
                    : ExperimentGrid.Training.defaults();
            Integer localRows = n.has("localRows") ? intAtLeast(n.get("localRows"), path + ".localRows", 0) : Integer.valueOf(0);
            if (localRows != null && localRows > 0) {
                // Local explanations need these plugins; say so now rather than after the first cell trained.
                List<String> needed = new ArrayList<>();
                if (catalog.find(PluginKind.AGGREGATION, "local").isEmpty()) {
                    needed.add("aggregation 'local'");
                }
                CellResult.Outcome.LOCAL_METRICS.stream().filter(m -> catalog.find(PluginKind.METRIC, m).isEmpty())
                        .forEach(m -> needed.add("metric '" + m + "'"));
                if (!needed.isEmpty()) {
                    report(path + ".localRows: local explanations need the plugins " + String.join(", ", needed)
                            + ", which are not installed; install them or set 0");
                }
            }
            LocalSpec.Neighbourhood neighbourhood = null;
            if (n.has("localNeighbourhood") && !n.get("localNeighbourhood").isNull()) {
                if (localRows != null && localRows == 0) {
                    report(path + ".localNeighbourhood: only with local explanations; set localRows > 0 or remove it");
                } else {
                    neighbourhood = neighbourhood(n.get("localNeighbourhood"), path + ".localNeighbourhood", false);
                }
            }
            Double holdout = n.has("holdout") ? fraction(n.get("holdout"), path + ".holdout", true, false) : Double.valueOf(0);
            ExperimentGrid.Finetuning finetune = n.has("finetune") && methods != null && aggregations != null
                    ? finetuning(n.get("finetune"), path + ".finetune", methods, aggregations) : null;
            if (problemCount() > before) {
                return null;
            }
            return new ExperimentGrid(depths, widths, activation, seeds, shrinks, methods, clusterings, aggregations,
                    training, localRows, holdout, finetune, neighbourhood);
        }


        /**
         * {@code {"methods": [...], "aggregations": [labels], "params": {...}}}; methods and
         * aggregations default to all of the grid's, params to {@link FinetuneSpec#DEFAULTS}.
         */
        private ExperimentGrid.Finetuning finetuning(JsonNode n, String path, List<Method> gridMethods,
                                                     List<LabelledChoice> gridAggregations) {
            if (!expectObject(n, path)) {
                return null;
            }
            onlyFields(n, path, FINETUNE_FIELDS);
            int before = problemCount();
            List<Method> methods = gridMethods;
            if (n.has("methods")) {
                methods = list(n.get("methods"), path + ".methods", "method", this::method);
                if (methods != null) {
                    for (int i = 0; i < methods.size(); i++) {
                        if (!gridMethods.contains(methods.get(i))) {
                            report(path + ".methods[" + i + "]: '" + methods.get(i).jsonName() + "' is not one of the"
                                    + " grid's methods (" + String.join(", ", gridMethods.stream().map(Method::jsonName).toList()) + ")");
                        }
                    }
                }
            }
            List<String> labels = gridAggregations.stream().map(LabelledChoice::label).toList();
            List<String> aggregations = labels;
            if (n.has("aggregations")) {
                aggregations = list(n.get("aggregations"), path + ".aggregations", "aggregation label", (e, p) -> {
                    String label = e.isTextual() ? e.textValue() : null;
                    if (label == null || !labels.contains(label)) {
                        report(p + ": expected the label of one of the grid's aggregations (" + String.join(", ", labels)
                                + "), got " + describe(e) + (label == null ? "" : Suggestions.didYouMean(label, labels)));
                        return null;
                    }
                    return label;
                });
            }
            FinetuneSpec params = n.has("params") ? finetune(n.get("params"), path + ".params") : FinetuneSpec.DEFAULTS;
            if (problemCount() > before || methods == null || aggregations == null || params == null) {
                return null;
            }
            return new ExperimentGrid.Finetuning(methods, aggregations, params);
        }

        private List<Integer> required(JsonNode grid, String field, String path, String what,
                                       BiFunction<JsonNode, String, Integer> element) {
            if (!grid.has(field)) {
                report(path + "." + field + ": missing; give a list of " + what + "s, e.g. [5, 10, 20]");
                return null;
            }
            return list(grid.get(field), path + "." + field, what, element);
        }

        private ExperimentGrid.Training training(JsonNode n, String path) {
            if (!expectObject(n, path)) {
                return null;
            }
            onlyFields(n, path, TRAIN_FIELDS);
            ExperimentGrid.Training d = ExperimentGrid.Training.defaults();
            int before = problemCount();
            Integer epochs = n.has("epochs") ? intAtLeast(n.get("epochs"), path + ".epochs", 1) : Integer.valueOf(d.epochs());
            Integer batchSize = n.has("batchSize") ? intAtLeast(n.get("batchSize"), path + ".batchSize", 1)
                    : Integer.valueOf(d.batchSize());
            Double learningRate = n.has("learningRate") ? positive(n.get("learningRate"), path + ".learningRate")
                    : Double.valueOf(d.learningRate());
            Double testFraction = n.has("testFraction") ? fraction(n.get("testFraction"), path + ".testFraction", true, false)
                    : Double.valueOf(d.testFraction());
            Activation output = d.output();
            if (n.has("output")) {
                String o = choice(n.get("output"), path + ".output", "output", SpecParser.OUTPUT_ACTIVATIONS);
                output = o == null ? null : Activation.fromName(o);
            }
            if (problemCount() > before) {
                return null;
            }
            return new ExperimentGrid.Training(epochs, batchSize, learningRate, testFraction, output);
        }

        private Double shrink(JsonNode n, String path) {
            return fraction(n, path, true, false);
        }

        private Method method(JsonNode n, String path) {
            String m = choice(n, path, "method", METHODS);
            return m == null ? null : Method.valueOf(m.toUpperCase(Locale.ROOT));
        }

        // ---- plugins ----

        private List<LabelledChoice> metrics(JsonNode n, String path) {
            List<LabelledChoice> out = choices(n, path, PluginKind.METRIC);
            if (out == null) {
                return null;
            }
            for (int i = 0; i < out.size(); i++) {
                PluginDescriptor d = catalog.require(PluginKind.METRIC, out.get(i).name());
                if (scope(d) == MetricFactory.Scope.LOCAL) {
                    report(path + "[" + i + "].name: '" + d.name() + "' is a local metric; experiments measure"
                            + " global metrics only");
                }
            }
            return out;
        }

        /** Every installed global metric with its defaults, plus the squared structural unfaithfulness. */
        private List<LabelledChoice> defaultMetrics() {
            List<LabelledChoice> out = new ArrayList<>();
            for (PluginDescriptor d : catalog.plugins(PluginKind.METRIC)) {
                if (scope(d) != MetricFactory.Scope.GLOBAL) {
                    continue;
                }
                out.add(labelled(null, new PluginChoice(PluginKind.METRIC, d.name(), defaults(d))));
                if (d.name().equals(EXTRA_METRIC) && offers(d, EXTRA_PARAMETER, EXTRA_VALUE)) {
                    Map<String, Object> params = new LinkedHashMap<>(defaults(d).asMap());
                    params.put(EXTRA_PARAMETER, EXTRA_VALUE);
                    out.add(labelled(null, new PluginChoice(PluginKind.METRIC, d.name(), Parameters.of(params))));
                }
            }
            return out;
        }

        private boolean offers(PluginDescriptor d, String parameter, String value) {
            return d.factory().parameters().stream()
                    .anyMatch(p -> p.name().equals(parameter) && p.type() == Parameter.Type.CHOICE && p.choices().contains(value));
        }

        /** What every installed metric declares about its direction, by name. */
        private Map<String, MetricFactory.Direction> metricDirections() {
            Map<String, MetricFactory.Direction> out = new LinkedHashMap<>();
            for (PluginDescriptor d : catalog.plugins(PluginKind.METRIC)) {
                out.put(d.name(), Objects.requireNonNullElse(PluginException.guard(d, "failed to report its direction",
                        metricFactory(d)::direction), MetricFactory.Direction.UNKNOWN));
            }
            return out;
        }

        private MetricFactory.Scope scope(PluginDescriptor d) {
            return PluginException.guard(d, "failed to report its scope", metricFactory(d)::scope);
        }

        private static MetricFactory metricFactory(PluginDescriptor d) {
            if (!(d.factory() instanceof MetricFactory m)) {
                throw new PluginException(d.describe() + " is listed as a metric but is not a MetricFactory");
            }
            return m;
        }

        /** A non-empty array of {@code {"name", "params", "label"}} with distinct labels. */
        private List<LabelledChoice> choices(JsonNode n, String path, PluginKind kind) {
            if (!n.isArray()) {
                report(path + ": expected an array of " + kind.label() + " plugins as {\"name\": ..., \"params\": {...}},"
                        + " got " + describe(n));
                return null;
            }
            if (n.isEmpty()) {
                report(path + ": give at least one " + kind.label() + " plugin");
                return null;
            }
            int before = problemCount();
            List<LabelledChoice> out = new ArrayList<>();
            Map<String, Integer> labels = new HashMap<>();
            for (int i = 0; i < n.size(); i++) {
                LabelledChoice c = choice(n.get(i), path + "[" + i + "]", kind);
                if (c == null) {
                    continue;
                }
                Integer earlier = labels.putIfAbsent(c.label(), i);
                if (earlier != null) {
                    report(path + "[" + i + "]: the label '" + c.label() + "' is used twice (also at " + path + "["
                            + earlier + "]); results are named by label, so give one of them another \"label\"");
                }
                out.add(c);
            }
            return problemCount() > before ? null : out;
        }

        private LabelledChoice choice(JsonNode n, String path, PluginKind kind) {
            if (!n.isObject()) {
                report(path + ": expected a " + kind.label() + " as {\"name\": ..., \"params\": {...}}, got " + describe(n));
                return null;
            }
            onlyFields(n, path, CHOICE_FIELDS);
            JsonNode nameNode = n.get("name");
            if (nameNode == null || !nameNode.isTextual()) {
                report(path + (nameNode == null ? ": missing \"name\"" : ".name: expected a string, got " + describe(nameNode))
                        + "; available " + kind.label() + " plugins: " + String.join(", ", catalog.names(kind)));
                return null;
            }
            var found = catalog.find(kind, nameNode.textValue());
            if (found.isEmpty()) {
                report(path + ".name: " + catalog.unknown(kind, nameNode.textValue()));
                return null;
            }
            String label = null;
            JsonNode labelNode = n.get("label");
            if (labelNode != null) {
                if (!labelNode.isTextual() || !LabelledChoice.LABEL.matcher(labelNode.textValue()).matches()) {
                    report(path + ".label: expected a label of letters, digits and - _ . ( ) = ; (no spaces or commas),"
                            + " got " + describe(labelNode));
                    return null;
                }
                label = labelNode.textValue();
            }
            PluginChoice resolved = resolvePlugin(found.get(), n.get("params"), path + ".params");
            return resolved == null ? null : labelled(label, resolved);
        }

        private LabelledChoice defaultChoice(PluginKind kind, String name, String path) {
            var found = catalog.find(kind, name);
            if (found.isEmpty()) {
                report(path + ": none given and the default " + kind.label() + " '" + name + "' is not installed;"
                        + " name one of: " + String.join(", ", catalog.names(kind)));
                return null;
            }
            PluginChoice c = resolvePlugin(found.get(), null, path + "[0].params");
            return c == null ? null : labelled(null, c);
        }

        /** The given label, or the name followed by the parameters that differ from the defaults. */
        private LabelledChoice labelled(String label, PluginChoice c) {
            if (label != null) {
                return new LabelledChoice(label, c);
            }
            Map<String, Object> defaults = defaults(catalog.require(c.kind(), c.name())).asMap();
            List<String> changed = new ArrayList<>();
            c.params().asMap().forEach((k, v) -> {
                if (!v.equals(defaults.get(k))) {
                    String value = v instanceof Number num ? ParameterResolver.formatNumber(num.doubleValue())
                            : v instanceof Path p ? String.valueOf(p.getFileName()) : String.valueOf(v);
                    changed.add(k + "=" + value);
                }
            });
            String derived = changed.isEmpty() ? c.name() : c.name() + "(" + String.join(";", changed) + ")";
            return new LabelledChoice(derived.replaceAll("[^A-Za-z0-9_.()=;-]", "_"), c);
        }

        private Parameters defaults(PluginDescriptor d) {
            // A plugin with a required parameter has no full set of defaults; the partial one is only compared against.
            return resolver.resolve(d, null, "$", baseDir(), new ArrayList<>());
        }

        // ---- values ----

        private <T> List<T> list(JsonNode n, String path, String what, BiFunction<JsonNode, String, T> element) {
            if (!nonEmptyArray(n, path, what)) {
                return null;
            }
            int before = problemCount();
            List<T> out = new ArrayList<>();
            Map<T, Integer> first = new HashMap<>();
            for (int i = 0; i < n.size(); i++) {
                String p = path + "[" + i + "]";
                T v = element.apply(n.get(i), p);
                if (v == null) {
                    continue;
                }
                Integer earlier = first.putIfAbsent(v, i);
                if (earlier != null) {
                    report(p + ": " + n.get(i) + " is listed twice (also at " + path + "[" + earlier + "]); list it once");
                }
                out.add(v);
            }
            return problemCount() > before ? null : out;
        }

        /** Experiment specs word a non-finite number like any other non-number; kept so their messages stay stable. */
        @Override
        public Double number(JsonNode n, String path) {
            if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
                report(path + ": expected a number, got " + describe(n));
                return null;
            }
            return n.doubleValue();
        }

        /** Experiment specs word a blank path like any other non-path; kept so their messages stay stable. */
        @Override
        public Path path(JsonNode n, String path) {
            if (!n.isTextual() || n.textValue().isBlank()) {
                report(path + ": expected a file path (a non-empty string), got " + describe(n));
                return null;
            }
            return resolvePath(n.textValue(), path);
        }
    }
}
