package io.illc.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Activation;
import io.illc.api.MetricFactory;
import io.illc.api.PluginKind;
import io.illc.core.InputException;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.Suggestions;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.io.ActivationJson;
import io.illc.core.io.StrictJson;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static io.illc.core.catalog.ParameterResolver.formatNumber;

/**
 * Reads a version-1 pipeline spec (see {@code docs/spec.md}) into a checked, fully defaulted
 * {@link PipelineSpec}. Strict: malformed JSON, duplicate keys, trailing content, unknown fields,
 * wrong types, unknown enum values and plugin names, unknown plugin parameters and out-of-range
 * numbers are all errors. Every problem of a spec is collected before failing, so a user fixes them
 * in one round; each reads {@code "<JSON path>: <message>"}.
 *
 * <p>Relative paths resolve against the spec's folder and are stored absolute and normalized.
 * Checks that need the data or the model (cluster counts per layer, label column names, sigmoid
 * output with more than two classes) happen when the pipeline runs. Thread-safe.
 */
public final class SpecParser {
    /** The only spec version this parser reads. */
    public static final int VERSION = 1;

    /** The model readers {@code "format"} can force. */
    public static final List<String> MODEL_FORMATS = List.of("weights-json", "dl4j", "keras", "onnx");

    /** Hidden-layer activations a trained model can use. */
    public static final List<String> HIDDEN_ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "leaky-relu", "elu",
            "softplus", "silu", "gelu", "gelu-tanh");

    /** Output layers a trained model can have. */
    public static final List<String> OUTPUT_ACTIVATIONS = List.of("softmax", "sigmoid");

    private static final String DEFAULT_DATASET = "breast-cancer";
    private static final double DEFAULT_SHRINK = 0.8;
    private static final String DEFAULT_CLUSTERING = "kmeans";
    private static final String DEFAULT_AGGREGATION = "average";
    private static final List<String> DEFAULT_RENDERERS = List.of("dot", "json", "html");
    private static final String DEFAULT_OUTPUT_FOLDER = "illc-out";
    /**
     * What to do when the spec file does not exist: the source has examples, and every install has
     * {@code illc demo}, whose output folder holds the spec it ran.
     */
    public static final String WHERE_SPECS_ARE = "give the path of a JSON spec (examples: examples/specs in the source,"
            + " or illc-out/demo/spec.json after 'illc demo')";

    private static final List<String> ROOT_FIELDS = List.of("$schema", "specVersion", "seed", "data", "model",
            "compression", "metrics", "local", "renderers", "execution", "output", "attribution", "contest");
    private static final List<String> CSV_FIELDS = List.of("csv", "label");
    private static final List<String> BUILTIN_FIELDS = List.of("builtin");
    private static final List<String> LOAD_FIELDS = List.of("load", "format");
    private static final List<String> TRAIN_MODEL_FIELDS = List.of("train");
    /** The widest hidden layer a spec may ask to train. */
    static final int MAX_WIDTH = 1 << 20;
    /** The most weights between two hidden layers a spec may ask to train (2 GB of doubles). */
    static final long MAX_WEIGHTS_PER_LAYER = 1L << 28;
    private static final List<String> TRAIN_FIELDS = List.of("hidden", "activation", "epochs", "batchSize",
            "learningRate", "testFraction", "output");
    private static final List<String> COMPRESSION_FIELDS = List.of("method", "shrink", "clusters", "complexity",
            "clustering", "aggregation", "rows", "finetune");
    private static final List<String> ROWS_FIELDS = List.of("holdout");
    private static final List<String> PLUGIN_FIELDS = List.of("name", "params");
    private static final List<String> LOCAL_FIELDS = List.of("instances", "csv", "kernel", "aggregation",
            "clustering", "renderAll", "neighbourhood", "preset", "baseline", "attribution", "contest");
    private static final List<String> BASELINE_FIELDS = List.of("name", "ridge");
    private static final List<String> BASELINES = List.of("lime");
    private static final List<String> KERNEL_FIELDS = List.of("width", "distance");
    private static final List<String> METHODS = List.of("illc", "global");
    private static final List<String> DISTANCES = List.of("standardized", "raw");

    private final PluginCatalog catalog;
    private final ParameterResolver resolver = new ParameterResolver();

    /** @param catalog resolves every plugin name and parameter the spec uses */
    @Inject
    public SpecParser(PluginCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads a spec file. Relative paths resolve against the file's folder; the default output
     * folder is named after the file ({@code illc-out/demo} for {@code demo.json}).
     *
     * @throws InputException for a missing or unreadable file and for every problem in it
     */
    public PipelineSpec parse(Path specFile) {
        Path file = specFile.toAbsolutePath().normalize();
        String json = StrictJson.readText(file, "spec file", WHERE_SPECS_ARE);
        return parse(json, file.getParent(), file.getFileName().toString(), file.toString());
    }

    /**
     * Reads a spec given as text.
     *
     * @param json     the spec
     * @param baseDir  the folder relative paths resolve against
     * @param specName names the default output folder {@code illc-out/<specName>} (a trailing
     *                 {@code .json} is dropped) and the source in JSON syntax errors
     * @throws InputException listing every problem
     */
    public PipelineSpec parse(String json, Path baseDir, String specName) {
        return parse(json, baseDir.toAbsolutePath().normalize(), specName, specName);
    }

    private PipelineSpec parse(String json, Path baseDir, String specName, String source) {
        JsonNode root = StrictJson.readTree(json, source, "{\"specVersion\": 1}");
        Path base = baseDir.toAbsolutePath().normalize();
        return new Walk(base).spec(root, StrictJson.baseName(specName));
    }

    /** One parse: walks the tree by hand, collecting problems instead of stopping at the first. */
    private final class Walk extends SpecChecks {
        Walk(Path baseDir) {
            super(baseDir, resolver);
        }

        PipelineSpec spec(JsonNode root, String outputName) {
            if (!expectObject(root, "$")) {
                throw failure();
            }
            if (root.has("experimentVersion") && !root.has("specVersion")) {
                report("$.experimentVersion: this is an experiment spec, not a pipeline spec: run it with 'illc experiment'");
                throw failure(); // its other fields would each be unknown here
            }
            onlyFields(root, "$", ROOT_FIELDS);
            schemaHint(root);
            specVersion(root.get("specVersion"));
            Long seed = root.has("seed") ? longValue(root.get("seed"), "$.seed") : Long.valueOf(0);
            DataSpec data = data(root.get("data"), "$.data");
            ModelSpec model = model(root.get("model"), "$.model");
            CompressionSpec compression = compression(root.get("compression"), "$.compression");
            List<PluginChoice> metrics = metrics(root.get("metrics"), "$.metrics");
            LocalSpec local = local(root.get("local"), "$.local", compression);
            List<PluginChoice> renderers = renderers(root.get("renderers"), "$.renderers");
            ExecutionSpec execution = execution(root.get("execution"), "$.execution");
            AnalysisSpec analysis = AnalysisSpecs.read(this, root, "$");
            Path output = root.has("output") ? path(root.get("output"), "$.output")
                    : baseDir().resolve(DEFAULT_OUTPUT_FOLDER).resolve(outputName).normalize();
            if (problemCount() > 0) {
                throw failure();
            }
            return new PipelineSpec(VERSION, seed, data, model, compression, metrics, local, renderers, execution, output,
                    baseDir(), analysis);
        }

        /**
         * {@code {"threads": N, "data": "auto" | "memory" | "stream", "engine": "local" | "spark", "spark":
         * {"master": URL, "conf": {...}}}}, N ≥ 1 or {@code null} (every processor); absent fields are the defaults.
         */
        private ExecutionSpec execution(JsonNode n, String path) {
            if (n == null || n.isNull()) {
                return ExecutionSpec.DEFAULT;
            }
            if (!expectObject(n, path)) {
                return ExecutionSpec.DEFAULT;
            }
            onlyFields(n, path, List.of("threads", "data", "engine", "spark"));
            JsonNode threads = n.get("threads");
            Integer count = threads == null || threads.isNull() ? null : intAtLeast(threads, path + ".threads", 1);
            JsonNode data = n.get("data");
            String mode = data == null || data.isNull() ? null
                    : choice(data, path + ".data", "data mode", ExecutionSpec.DataMode.jsonNames());
            ExecutionSpec.DataMode dataMode = mode == null ? ExecutionSpec.DataMode.AUTO
                    : ExecutionSpec.DataMode.fromJsonName(mode);
            String engine = ExecutionSpec.LOCAL;
            JsonNode e = n.get("engine");
            List<String> engines = List.of(ExecutionSpec.LOCAL, ExecutionSpec.SPARK);
            if (e != null && !e.isNull()) {
                if (!e.isTextual() || !engines.contains(e.textValue())) {
                    report(path + ".engine: unknown engine " + e + "; allowed: \"local\" or \"spark\""
                            + (e.isTextual() ? Suggestions.didYouMean(e.textValue(), engines) : ""));
                } else {
                    engine = e.textValue();
                }
            }
            JsonNode s = n.get("spark");
            if (s == null || s.isNull()) {
                return new ExecutionSpec(count, dataMode, engine, null);
            }
            if (!engine.equals(ExecutionSpec.SPARK)) {
                report(path + ".spark: Spark settings need \"engine\": \"spark\"");
                return new ExecutionSpec(count, dataMode, engine, null);
            }
            return new ExecutionSpec(count, dataMode, engine, spark(s, path + ".spark"));
        }

        /** {@code {"master": URL, "conf": {"spark.x": "value", ...}}}; conf values may be strings, numbers or booleans. */
        private ExecutionSpec.Spark spark(JsonNode n, String path) {
            if (!expectObject(n, path)) {
                return ExecutionSpec.Spark.DEFAULT;
            }
            onlyFields(n, path, List.of("master", "conf"));
            String master = ExecutionSpec.Spark.DEFAULT_MASTER;
            JsonNode m = n.get("master");
            if (m != null && !m.isNull()) {
                if (!m.isTextual() || m.textValue().isBlank()) {
                    report(path + ".master: expected a Spark master URL such as \"local[*]\", \"spark://host:7077\","
                            + " \"yarn\" or \"k8s://https://host:443\", got " + m);
                } else {
                    master = m.textValue();
                }
            }
            Map<String, String> conf = new LinkedHashMap<>();
            JsonNode c = n.get("conf");
            if (c != null && !c.isNull() && expectObject(c, path + ".conf")) {
                c.fields().forEachRemaining(f -> {
                    JsonNode v = f.getValue();
                    if (v.isTextual() || v.isNumber() || v.isBoolean()) {
                        conf.put(f.getKey(), v.asText());
                    } else {
                        report(path + ".conf." + f.getKey() + ": expected a string, number or boolean, got " + v);
                    }
                });
            }
            return new ExecutionSpec.Spark(master, conf);
        }

        private void specVersion(JsonNode n) {
            if (n == null) {
                return;
            }
            Long v = longValue(n, "$.specVersion");
            if (v != null && v != VERSION) {
                report("$.specVersion: unsupported spec version " + v + "; this illc reads version " + VERSION);
            }
        }

        // ---- data ----

        private DataSpec data(JsonNode n, String path) {
            if (n == null) {
                return new DataSpec.Builtin(DEFAULT_DATASET);
            }
            DataForm form = dataForm(n, path);
            if (form == null) {
                return null;
            }
            if (form == DataForm.BUILTIN) {
                onlyFields(n, path, BUILTIN_FIELDS, "label",
                        "\"label\" is only allowed with \"csv\" (built-in datasets know their label)");
                String name = choice(n.get("builtin"), path + ".builtin", "builtin dataset", BuiltinDatasets.names());
                return name == null ? null : new DataSpec.Builtin(name);
            }
            onlyFields(n, path, CSV_FIELDS);
            Path file = path(n.get("csv"), path + ".csv");
            JsonNode label = n.get("label");
            if (label == null) {
                return file == null ? null : new DataSpec.Csv(file, null, true);
            }
            if (label.isNull()) {
                return file == null ? null : new DataSpec.Csv(file, null, false);
            }
            String name = text(label, path + ".label", "the label column's name, or null for no label column");
            return file == null || name == null ? null : new DataSpec.Csv(file, name, true);
        }

        // ---- model ----

        private ModelSpec model(JsonNode n, String path) {
            if (n == null) {
                return new ModelSpec.Train(TrainSpec.defaults());
            }
            if (!expectObject(n, path)) {
                return null;
            }
            boolean load = n.has("load");
            boolean train = n.has("train");
            if (load == train) {
                onlyFields(n, path, List.of("load", "format", "train"));
                report(path + ": give either \"load\" (a model file) or \"train\" (a training recipe)"
                        + (load ? ", not both" : ""));
                return null;
            }
            if (load) {
                onlyFields(n, path, LOAD_FIELDS);
                Path file = path(n.get("load"), path + ".load");
                JsonNode f = n.get("format");
                String format = f == null || f.isNull() ? null : choice(f, path + ".format", "model format", MODEL_FORMATS);
                boolean formatOk = f == null || f.isNull() || format != null;
                return file == null || !formatOk ? null : new ModelSpec.Load(file, format);
            }
            onlyFields(n, path, TRAIN_MODEL_FIELDS, "format", "\"format\" is only allowed with \"load\"");
            TrainSpec t = train(n.get("train"), path + ".train");
            return t == null ? null : new ModelSpec.Train(t);
        }

        private TrainSpec train(JsonNode n, String path) {
            if (!expectObject(n, path)) {
                return null;
            }
            onlyFields(n, path, TRAIN_FIELDS);
            TrainSpec d = TrainSpec.defaults();
            int before = problemCount();
            List<Integer> hidden = n.has("hidden") ? positiveInts(n.get("hidden"), path + ".hidden", "hidden layer width")
                    : d.hidden();
            checkWidths(hidden, path + ".hidden");
            Activation activation = !n.has("activation") ? d.activation()
                    : n.get("activation").isObject() ? parameterised(n.get("activation"), path + ".activation")
                    : activation(choice(n.get("activation"), path + ".activation", "activation", HIDDEN_ACTIVATIONS));
            Integer epochs = n.has("epochs") ? intAtLeast(n.get("epochs"), path + ".epochs", 1) : Integer.valueOf(d.epochs());
            Integer batchSize = n.has("batchSize") ? intAtLeast(n.get("batchSize"), path + ".batchSize", 1)
                    : Integer.valueOf(d.batchSize());
            Double learningRate = n.has("learningRate") ? positive(n.get("learningRate"), path + ".learningRate")
                    : Double.valueOf(d.learningRate());
            Double testFraction = n.has("testFraction")
                    ? fraction(n.get("testFraction"), path + ".testFraction", true, false)
                    : Double.valueOf(d.testFraction());
            Activation output = n.has("output")
                    ? activation(choice(n.get("output"), path + ".output", "output", OUTPUT_ACTIVATIONS))
                    : d.output();
            if (problemCount() > before) {
                return null;
            }
            return new TrainSpec(hidden, activation, epochs, batchSize, learningRate, testFraction, output);
        }

        /**
         * Widths whose weights could never be allocated are bad input, found here rather than as
         * an allocation failure deep in ND4J: each width at most {@value #MAX_WIDTH}, each matrix
         * between two hidden layers at most {@value #MAX_WEIGHTS_PER_LAYER} weights.
         */
        private void checkWidths(List<Integer> hidden, String path) {
            if (hidden == null) {
                return;
            }
            for (int i = 0; i < hidden.size(); i++) {
                if (hidden.get(i) > MAX_WIDTH) {
                    report(path + "[" + i + "]: " + hidden.get(i) + " neurons cannot be trained in memory; at most "
                            + MAX_WIDTH + " per layer");
                    return;
                }
                if (i > 0 && (long) hidden.get(i - 1) * hidden.get(i) > MAX_WEIGHTS_PER_LAYER) {
                    report(path + "[" + i + "]: layers of " + hidden.get(i - 1) + " and " + hidden.get(i) + " neurons need "
                            + (long) hidden.get(i - 1) * hidden.get(i) + " weights between them; at most "
                            + MAX_WEIGHTS_PER_LAYER);
                    return;
                }
            }
        }

        private Activation activation(String name) {
            return name == null ? null : Activation.fromName(name);
        }

        /** {@code {"name": "leaky-relu", "slope": 0.2}} or {@code {"name": "elu", "alpha": 0.5}}, as in weights JSON. */
        private Activation parameterised(JsonNode n, String path) {
            try {
                Activation a = ActivationJson.parse(n);
                if (!HIDDEN_ACTIVATIONS.contains(a.jsonName())) {
                    report(path + ".name: '" + a.jsonName() + "' is not a hidden-layer activation; allowed: "
                            + String.join(", ", HIDDEN_ACTIVATIONS));
                    return null;
                }
                return a;
            } catch (IllegalArgumentException e) {
                report(path + ": " + e.getMessage());
                return null;
            }
        }

        // ---- compression ----

        private CompressionSpec compression(JsonNode n, String path) {
            JsonNode node = n == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : n;
            if (!expectObject(node, path)) {
                return null;
            }
            onlyFields(node, path, COMPRESSION_FIELDS);
            int before = problemCount();
            CompressionSpec.Method method = CompressionSpec.Method.ILLC;
            if (node.has("method")) {
                String m = choice(node.get("method"), path + ".method", "method", METHODS);
                method = m == null ? null : CompressionSpec.Method.valueOf(m.toUpperCase(Locale.ROOT));
            }
            List<String> sizing = java.util.stream.Stream.of("shrink", "clusters", "complexity").filter(node::has).toList();
            if (sizing.size() > 1) {
                report(path + ": give one of \"shrink\" (a fraction of every hidden layer), \"clusters\""
                        + " (a count per hidden layer) and \"complexity\" (a budget for the product of the counts),"
                        + " not " + String.join(" and ", sizing.stream().map(f -> "\"" + f + "\"").toList()));
            }
            Double shrink = DEFAULT_SHRINK;
            if (node.has("shrink")) {
                shrink = fraction(node.get("shrink"), path + ".shrink", true, false);
            }
            List<Integer> clusters = node.has("clusters")
                    ? positiveInts(node.get("clusters"), path + ".clusters", "cluster count") : null;
            Double complexity = node.has("complexity") ? atLeastOne(node.get("complexity"), path + ".complexity") : null;
            FinetuneSpec finetune = node.has("finetune") ? finetune(node.get("finetune"), path + ".finetune") : null;
            PluginChoice clustering = node.has("clustering")
                    ? plugin(node.get("clustering"), path + ".clustering", PluginKind.CLUSTERING)
                    : defaultPlugin(PluginKind.CLUSTERING, DEFAULT_CLUSTERING, path + ".clustering");
            PluginChoice aggregation = node.has("aggregation")
                    ? plugin(node.get("aggregation"), path + ".aggregation", PluginKind.AGGREGATION)
                    : defaultPlugin(PluginKind.AGGREGATION, DEFAULT_AGGREGATION, path + ".aggregation");
            Double holdout = node.has("rows") ? rows(node.get("rows"), path + ".rows") : Double.valueOf(0);
            if (problemCount() > before) {
                return null;
            }
            // With explicit counts or a budget the shrink is unused; it keeps its default so that equal specs compare equal.
            return new CompressionSpec(method, shrink, clusters, clustering, aggregation, holdout, complexity, finetune);
        }

        /** Ω: a finite number ≥ 1 (a product of cluster counts can exceed every integer type). */
        private Double atLeastOne(JsonNode n, String path) {
            Double v = number(n, path);
            if (v != null && !(v >= 1)) {
                report(path + ": must be at least 1 (the product of the cluster counts, each ≥ 1), got "
                        + formatNumber(v));
                return null;
            }
            return v;
        }

        /** {@code "all"} = 0, or {@code {"holdout": h}} with 0 < h < 1. */
        private Double rows(JsonNode n, String path) {
            if (n.isTextual() && n.textValue().equals("all")) {
                return 0.0;
            }
            if (!n.isObject()) {
                report(path + ": expected \"all\" or {\"holdout\": FRACTION}, got " + describe(n));
                return null;
            }
            onlyFields(n, path, ROWS_FIELDS);
            if (!n.has("holdout")) {
                report(path + ": missing \"holdout\": the share of rows held out from clustering for scoring,"
                        + " between 0 and 1 (or write \"rows\": \"all\")");
                return null;
            }
            return fraction(n.get("holdout"), path + ".holdout", false, false);
        }

        // ---- metrics and renderers ----

        private List<PluginChoice> metrics(JsonNode n, String path) {
            List<PluginChoice> out = new ArrayList<>();
            if (n == null) {
                for (PluginDescriptor d : catalog.plugins(PluginKind.METRIC)) {
                    if (scope(d) == MetricFactory.Scope.GLOBAL) {
                        out.add(defaultPlugin(PluginKind.METRIC, d.name(), path));
                    }
                }
                return out;
            }
            for (Element e : array(n, path)) {
                PluginChoice c = plugin(e.node(), e.path(), PluginKind.METRIC);
                if (c == null) {
                    continue;
                }
                PluginDescriptor d = catalog.require(PluginKind.METRIC, c.name());
                if (scope(d) == MetricFactory.Scope.LOCAL) {
                    List<String> global = catalog.plugins(PluginKind.METRIC).stream()
                            .filter(g -> scope(g) == MetricFactory.Scope.GLOBAL).map(PluginDescriptor::name).toList();
                    report(e.path() + ".name: '" + c.name() + "' is a local metric: it runs on every local"
                            + " explanation (\"local\"), not in \"metrics\"; global metrics: "
                            + (global.isEmpty() ? "none installed" : String.join(", ", global)));
                    continue;
                }
                out.add(c);
            }
            noDuplicates(n, path);
            return out;
        }

        private MetricFactory.Scope scope(PluginDescriptor d) {
            if (!(d.factory() instanceof MetricFactory m)) {
                throw new PluginException(d.describe() + " is listed as a metric but is not a MetricFactory");
            }
            MetricFactory.Scope s = PluginException.guard(d, "failed to report its scope", m::scope);
            if (s == null) {
                throw new PluginException(d.describe() + " reported no scope (GLOBAL or LOCAL)");
            }
            return s;
        }

        private List<PluginChoice> renderers(JsonNode n, String path) {
            List<PluginChoice> out = new ArrayList<>();
            if (n == null) {
                for (String name : DEFAULT_RENDERERS) {
                    if (catalog.find(PluginKind.RENDERER, name).isPresent()) {
                        out.add(defaultPlugin(PluginKind.RENDERER, name, path));
                    }
                }
                return out;
            }
            for (Element e : array(n, path)) {
                PluginChoice c = plugin(e.node(), e.path(), PluginKind.RENDERER);
                if (c != null) {
                    out.add(c);
                }
            }
            noDuplicates(n, path);
            return out;
        }

        /** Results and files are keyed by plugin name, so a name may appear once. */
        private void noDuplicates(JsonNode array, String path) {
            if (!array.isArray()) {
                return;
            }
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode name = array.get(i).get("name");
                if (name == null || !name.isTextual()) {
                    continue;
                }
                Integer earlier = first.putIfAbsent(name.textValue(), i);
                if (earlier != null) {
                    report(path + "[" + i + "].name: '" + name.textValue() + "' is listed twice (also at "
                            + path + "[" + earlier + "]); results are named after the plugin, so list it once");
                }
            }
        }

        // ---- local explanations ----

        private LocalSpec local(JsonNode n, String path, CompressionSpec compression) {
            if (n == null || n.isNull()) {
                return null;
            }
            if (!expectObject(n, path)) {
                return null;
            }
            onlyFields(n, path, LOCAL_FIELDS);
            int before = problemCount();
            boolean hasInstances = n.has("instances");
            boolean hasCsv = n.has("csv");
            List<Integer> instances = null;
            boolean all = false;
            Path newRows = null;
            if (hasInstances == hasCsv) {
                report(path + ": give either \"instances\" (row numbers of the data, or \"all\") or \"csv\""
                        + " (a file of new rows)" + (hasCsv ? ", not both" : ""));
            } else if (hasInstances) {
                JsonNode i = n.get("instances");
                if (i.isTextual() && i.textValue().equals("all")) {
                    all = true;
                } else if (i.isArray()) {
                    instances = rowNumbers(i, path + ".instances");
                } else {
                    report(path + ".instances: expected an array of row numbers or \"all\", got " + describe(i));
                }
            } else {
                newRows = path(n.get("csv"), path + ".csv");
            }
            Double width = null;
            LocalSpec.Distance distance = LocalSpec.Distance.STANDARDIZED;
            JsonNode kernel = n.get("kernel");
            if (kernel != null && expectObject(kernel, path + ".kernel")) {
                onlyFields(kernel, path + ".kernel", KERNEL_FIELDS);
                JsonNode w = kernel.get("width");
                if (w != null && !w.isNull()) {
                    width = positive(w, path + ".kernel.width");
                }
                if (kernel.has("distance")) {
                    String d = choice(kernel.get("distance"), path + ".kernel.distance", "distance", DISTANCES);
                    distance = d == null ? null : LocalSpec.Distance.valueOf(d.toUpperCase(Locale.ROOT));
                }
            }
            LocalSpec.Preset preset = LocalSpec.Preset.WIDE_REFIT;
            if (n.has("preset")) {
                List<String> presets = java.util.Arrays.stream(LocalSpec.Preset.values()).map(LocalSpec.Preset::jsonName)
                        .toList();
                String p = choice(n.get("preset"), path + ".preset", "preset", presets);
                preset = p == null ? null : LocalSpec.Preset.byName(p);
            }
            PluginChoice aggregation = n.has("aggregation")
                    ? plugin(n.get("aggregation"), path + ".aggregation", PluginKind.AGGREGATION)
                    : preset == null ? null : defaultPlugin(PluginKind.AGGREGATION, preset.aggregation(), path + ".aggregation");
            PluginChoice clustering = n.has("clustering")
                    ? plugin(n.get("clustering"), path + ".clustering", PluginKind.CLUSTERING)
                    : compression == null ? null : compression.clustering();
            Boolean renderAll = n.has("renderAll") ? bool(n.get("renderAll"), path + ".renderAll") : Boolean.FALSE;
            if (Boolean.TRUE.equals(renderAll) && hasInstances != hasCsv && !all) {
                report(path + ".renderAll: only meaningful with \"instances\": \"all\" (listed rows and"
                        + " new rows are always rendered); remove it or set it to false");
            }
            LocalSpec.Neighbourhood neighbourhood = neighbourhood(n.get("neighbourhood"), path + ".neighbourhood", true);
            Double limeRidge = baseline(n.get("baseline"), path + ".baseline");
            AnalysisSpec analysis = AnalysisSpecs.read(this, n, path);
            if (problemCount() > before || clustering == null) {
                return null;
            }
            return new LocalSpec(instances, all, newRows, width, distance, aggregation, clustering, renderAll,
                    neighbourhood, preset, limeRidge, analysis);
        }

        /**
         * {@code "lime"} or {@code {"name": "lime", "ridge": λ}}: the LIME surrogate's ridge; left out or
         * {@code null}: no baseline ({@code null}).
         */
        private Double baseline(JsonNode n, String path) {
            if (n == null || n.isNull()) {
                return null;
            }
            String allowed = "allowed: \"lime\" or {\"name\": \"lime\", \"ridge\": λ ≥ 0}";
            if (n.isTextual()) {
                return choice(n, path, "baseline", BASELINES) == null ? null : Double.valueOf(LocalSpec.DEFAULT_LIME_RIDGE);
            }
            if (!n.isObject()) {
                report(path + ": expected a baseline, got " + describe(n) + "; " + allowed);
                return null;
            }
            onlyFields(n, path, BASELINE_FIELDS);
            if (!n.has("name")) {
                report(path + ": missing \"name\"; " + allowed);
                return null;
            }
            if (choice(n.get("name"), path + ".name", "baseline", BASELINES) == null) {
                return null;
            }
            JsonNode ridge = n.get("ridge");
            return ridge == null || ridge.isNull() ? Double.valueOf(LocalSpec.DEFAULT_LIME_RIDGE)
                    : nonNegative(ridge, path + ".ridge");
        }

        private List<Integer> rowNumbers(JsonNode array, String path) {
            if (array.isEmpty()) {
                report(path + ": give at least one row number (0-based), or \"all\"");
                return null;
            }
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode e = array.get(i);
                String p = path + "[" + i + "]";
                if (!e.isIntegralNumber() || !e.canConvertToInt() || e.intValue() < 0) {
                    report(p + ": expected a row number (an integer ≥ 0, counted from 0), got " + describe(e));
                } else {
                    rows.add(e.intValue());
                }
            }
            return rows;
        }

        // ---- plugins ----

        /** {@code {"name": ..., "params": {...}}}: name resolved, params checked, the instance created once. */
        private PluginChoice plugin(JsonNode n, String path, PluginKind kind) {
            if (!n.isObject()) {
                report(path + ": expected a " + kind.label() + " as {\"name\": ..., \"params\": {...}}, got "
                        + describe(n));
                return null;
            }
            onlyFields(n, path, PLUGIN_FIELDS);
            JsonNode nameNode = n.get("name");
            if (nameNode == null) {
                List<String> names = catalog.names(kind);
                report(path + ": missing \"name\"; available " + kind.label() + " plugins: "
                        + (names.isEmpty() ? "none installed" : String.join(", ", names)));
                return null;
            }
            String name = text(nameNode, path + ".name", "a " + kind.label() + " plugin's name");
            if (name == null) {
                return null;
            }
            var found = catalog.find(kind, name);
            if (found.isEmpty()) {
                report(path + ".name: " + catalog.unknown(kind, name));
                return null;
            }
            return resolvePlugin(found.get(), n.get("params"), path + ".params");
        }

        private PluginChoice defaultPlugin(PluginKind kind, String name, String path) {
            var found = catalog.find(kind, name);
            if (found.isEmpty()) {
                List<String> names = catalog.names(kind);
                report(path + ": no " + kind.label() + " given and the default '" + name
                        + "' is not installed; name one of: " + (names.isEmpty() ? "none installed" : String.join(", ", names)));
                return null;
            }
            return resolvePlugin(found.get(), null, path + ".params");
        }

        // ---- values ----

        private List<Integer> positiveInts(JsonNode n, String path, String what) {
            if (!nonEmptyArray(n, path, what)) {
                return null;
            }
            List<Integer> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                if (!e.isIntegralNumber() || !e.canConvertToInt() || e.intValue() < 1) {
                    report(path + "[" + i + "]: expected a " + what + " (an integer ≥ 1), got " + describe(e));
                    ok = false;
                } else {
                    out.add(e.intValue());
                }
            }
            return ok ? out : null;
        }
    }
}
