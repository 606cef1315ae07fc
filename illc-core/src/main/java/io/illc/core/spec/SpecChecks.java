package io.illc.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.illc.api.Parameters;
import io.illc.core.InputException;
import io.illc.core.catalog.ParameterResolver;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.catalog.Suggestions;
import io.illc.core.data.BuiltinDatasets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import static io.illc.core.catalog.ParameterResolver.formatNumber;

/**
 * The checks the spec parsers ({@link SpecParser} and the experiment spec parser) share while they
 * walk a JSON tree by hand: object and field checks with a "did you mean", strings, choices,
 * booleans, integers and numbers with bounds, file paths, arrays, plugin parameters, and the
 * {@code "finetune"} object both spec kinds contain.
 *
 * <p>One instance serves one parse. Problems are collected instead of thrown, so a user sees all of
 * them at once; each reads {@code "<JSON path>: <message>"}. A reader that finds a problem reports
 * it and returns {@code null} (or {@code false}); the parser checks {@link #problemCount()} before
 * building anything from the values. Relative paths resolve against the spec's folder.
 *
 * <p>A parser extends this class with the walk of its own format. Subclasses may override
 * {@link #number} to word a non-finite number differently; every bounded number reader goes through
 * it. Not thread-safe.
 */
public class SpecChecks {
    /** The fields of a {@code "finetune"} object, in the order messages list them. */
    private static final List<String> FINETUNE_FIELDS = List.of("epochs", "learningRate", "structuralWeight",
            "batchSize", "patience", "validation", "transfer", "outputLoss");
    /** The fields of a {@code "transfer"} object. */
    private static final List<String> TRANSFER_FIELDS = List.of("noise", "mixup", "samples");

    private final Path baseDir;
    private final ParameterResolver resolver;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param baseDir  the absolute, normalized folder relative paths resolve against
     * @param resolver checks plugin parameters
     */
    public SpecChecks(Path baseDir, ParameterResolver resolver) {
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The folder relative paths resolve against. */
    public final Path baseDir() {
        return baseDir;
    }

    // ---- problems ----

    /** Adds a problem, written {@code "<JSON path>: <message>"}. */
    public final void report(String problem) {
        problems.add(problem);
    }

    /** How many problems were reported so far; a part is valid when the count did not grow while reading it. */
    public final int problemCount() {
        return problems.size();
    }

    /** The exception listing every problem reported so far; call only after at least one. */
    public final InputException failure() {
        return new InputException(problems);
    }

    // ---- objects ----

    /** {@code true} for an object; reports anything else, a missing node included. */
    public final boolean expectObject(JsonNode n, String path) {
        if (n != null && n.isObject()) {
            return true;
        }
        report(path + ": expected an object, got " + describe(n));
        return false;
    }

    /** Reports every field of {@code object} that is not in {@code allowed}, with a "did you mean". */
    public final void onlyFields(JsonNode object, String path, List<String> allowed) {
        onlyFields(object, path, allowed, null, null);
    }

    /**
     * Unknown fields are errors. {@code misplaced}, when given, is a field that is valid only in
     * another form of this object; {@code why} then replaces the generic message for it.
     */
    public final void onlyFields(JsonNode object, String path, List<String> allowed, String misplaced, String why) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals(misplaced)) {
                report(path + "." + name + ": " + why);
            } else if (!allowed.contains(name)) {
                report(path + "." + name + ": unknown field '" + name + "'; allowed: "
                        + String.join(", ", allowed) + Suggestions.didYouMean(name, allowed));
            }
        }
    }

    /** {@code "$schema"} is only a hint for editors, but when given it must be a string. */
    public final void schemaHint(JsonNode root) {
        JsonNode schema = root.get("$schema");
        if (schema != null && !schema.isTextual()) {
            report("$.$schema: expected a string (the schema's location, for editors), got " + describe(schema));
        }
    }

    // ---- strings and booleans ----

    /** @param what says what the string is, for the message */
    public final String text(JsonNode n, String path, String what) {
        if (n.isTextual()) {
            return n.textValue();
        }
        report(path + ": expected a string (" + what + "), got " + describe(n));
        return null;
    }

    /** One of {@code allowed}; {@code what} names the kind of value in the "unknown ..." message. */
    public final String choice(JsonNode n, String path, String what, List<String> allowed) {
        if (!n.isTextual()) {
            report(path + ": expected one of " + String.join(", ", allowed) + ", got " + describe(n));
            return null;
        }
        String v = n.textValue();
        if (!allowed.contains(v)) {
            report(path + ": unknown " + what + " '" + v + "'; allowed: " + String.join(", ", allowed)
                    + Suggestions.didYouMean(v, allowed));
            return null;
        }
        return v;
    }

    public final Boolean bool(JsonNode n, String path) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        report(path + ": expected true or false, got " + describe(n));
        return null;
    }

    // ---- numbers ----

    public final Long longValue(JsonNode n, String path) {
        if (!n.isIntegralNumber()) {
            report(path + ": expected an integer, got " + describe(n));
            return null;
        }
        if (!n.canConvertToLong()) {
            report(path + ": integer " + n + " is out of range (at most " + Long.MAX_VALUE + " in size)");
            return null;
        }
        return n.longValue();
    }

    /** An {@code int} in {@code [min, Integer.MAX_VALUE]}. */
    public final Integer intAtLeast(JsonNode n, String path, int min) {
        if (!n.isIntegralNumber()) {
            report(path + ": expected an integer, got " + describe(n));
            return null;
        }
        if (!n.canConvertToInt() || n.intValue() < min) {
            report(path + ": must be at least " + min + (n.canConvertToInt() ? "" : " and at most "
                    + Integer.MAX_VALUE) + ", got " + n);
            return null;
        }
        return n.intValue();
    }

    /** A finite number (a JSON literal such as {@code 1e999} reads as infinity and is rejected). */
    public Double number(JsonNode n, String path) {
        if (!n.isNumber()) {
            report(path + ": expected a number, got " + describe(n));
            return null;
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            report(path + ": number " + n + " is out of range");
            return null;
        }
        return v;
    }

    /** A number &gt; 0. */
    public final Double positive(JsonNode n, String path) {
        Double v = number(n, path);
        if (v != null && !(v > 0)) {
            report(path + ": must be greater than 0, got " + formatNumber(v));
            return null;
        }
        return v;
    }

    /** A number ≥ 0. */
    public final Double nonNegative(JsonNode n, String path) {
        Double v = number(n, path);
        if (v != null && !(v >= 0)) {
            report(path + ": must be at least 0, got " + formatNumber(v));
            return null;
        }
        return v;
    }

    /** A number in [0, 1), (0, 1), ... as the flags say. */
    public final Double fraction(JsonNode n, String path, boolean zeroAllowed, boolean oneAllowed) {
        Double v = number(n, path);
        if (v == null) {
            return null;
        }
        boolean lowOk = zeroAllowed ? v >= 0 : v > 0;
        boolean highOk = oneAllowed ? v <= 1 : v < 1;
        if (!lowOk || !highOk) {
            report(path + ": must be in " + (zeroAllowed ? "[" : "(") + "0, 1" + (oneAllowed ? "]" : ")")
                    + ", got " + formatNumber(v));
            return null;
        }
        return v;
    }

    // ---- paths and arrays ----

    /** A non-blank string, resolved by {@link #resolvePath}. */
    public Path path(JsonNode n, String path) {
        if (!n.isTextual()) {
            report(path + ": expected a file path (a string), got " + describe(n));
            return null;
        }
        if (n.textValue().isBlank()) {
            report(path + ": expected a file path, got an empty string");
            return null;
        }
        return resolvePath(n.textValue(), path);
    }

    /** {@code text} resolved against {@link #baseDir()}: absolute and normalized. */
    public final Path resolvePath(String text, String path) {
        try {
            return baseDir.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            report(path + ": '" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    /** An element of a JSON array with its JSON path ({@code $.metrics[2]}). */
    public record Element(JsonNode node, String path) {
    }

    /** {@code true} for an array with at least one element; {@code what} names one element ("cluster count"). */
    public final boolean nonEmptyArray(JsonNode n, String path, String what) {
        if (!n.isArray()) {
            report(path + ": expected an array of " + what + "s, got " + describe(n));
            return false;
        }
        if (n.isEmpty()) {
            report(path + ": give at least one " + what);
            return false;
        }
        return true;
    }

    /** The elements of an array; for anything else a problem and no elements. */
    public final List<Element> array(JsonNode n, String path) {
        if (!n.isArray()) {
            report(path + ": expected an array, got " + describe(n));
            return List.of();
        }
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(new Element(n.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** How messages show a value after "got": {@code "an object"}, {@code "nothing"}, or the JSON. */
    public final String describe(JsonNode n) {
        return ParameterResolver.describe(n);
    }

    // ---- parts both spec kinds contain ----

    /** The two forms of a {@code "data"} object. */
    public enum DataForm { BUILTIN, CSV }

    /**
     * The form of a {@code "data"} object; {@code null} after reporting anything but an object with
     * exactly one of {@code "builtin"} and {@code "csv"}. The other fields of each form are the
     * caller's to check, as the spec kinds allow different ones.
     */
    public final DataForm dataForm(JsonNode n, String path) {
        if (!expectObject(n, path)) {
            return null;
        }
        boolean builtin = n.has("builtin");
        if (builtin == n.has("csv")) {
            onlyFields(n, path, List.of("builtin", "csv", "label"));
            report(path + ": give either \"builtin\" (" + String.join(", ", BuiltinDatasets.names())
                    + ") or \"csv\" (a file)" + (builtin ? ", not both" : ""));
            return null;
        }
        return builtin ? DataForm.BUILTIN : DataForm.CSV;
    }

    /**
     * A plugin's {@code params} checked and defaulted, and the plugin created once to see that it
     * accepts them.
     *
     * @param params     the {@code params} node, or {@code null} for all defaults
     * @param paramsPath the JSON path of {@code params}, which messages name
     */
    public final PluginChoice resolvePlugin(PluginDescriptor d, JsonNode params, String paramsPath) {
        int before = problemCount();
        Parameters values = resolver.resolve(d, params, paramsPath, baseDir, problems);
        if (problemCount() > before) {
            return null;
        }
        // Creating the plugin once here lets it reject parameter combinations while the user
        // still sees JSON paths, instead of failing halfway through a run.
        try {
            d.create(Object.class, values);
        } catch (PluginException e) {
            report(paramsPath + ": " + (e.getCause() instanceof IllegalArgumentException iae
                    ? iae.getMessage() : e.getMessage()));
            return null;
        } catch (InputException e) {
            e.problems().forEach(p -> report(paramsPath + ": " + p));
            return null;
        }
        return new PluginChoice(d.kind(), d.name(), values);
    }

    private static final List<String> PERTURB_FIELDS = List.of("samples", "scale");

    /**
     * A neighbourhood of local explanations, as {@code local.neighbourhood} of a pipeline spec gives it:
     * {@code "all"}, {@code {"sample": M}} or, when {@code perturbations} allows it,
     * {@code {"perturb": {"samples": M, "scale": s}}}. Left out or {@code null}: the default by data
     * size ({@code null}); {@code null} too after reporting a problem.
     */
    public final LocalSpec.Neighbourhood neighbourhood(JsonNode n, String path, boolean perturbations) {
        if (n == null || n.isNull()) {
            return null;
        }
        String forms = perturbations ? "\"all\", {\"sample\": M} or {\"perturb\": {\"samples\": M}}"
                : "\"all\" or {\"sample\": M}";
        if (n.isTextual()) {
            if (n.textValue().equals("all")) {
                return LocalSpec.Neighbourhood.ALL;
            }
            report(path + ": unknown neighbourhood '" + n.textValue() + "'; allowed: " + forms
                    + Suggestions.didYouMean(n.textValue(), List.of("all")));
            return null;
        }
        if (!n.isObject()) {
            report(path + ": expected " + (perturbations ? "\"all\", {\"sample\": M} (M data rows, an integer ≥ 1) or"
                    + " {\"perturb\": {\"samples\": M}} (M perturbations of the row)"
                    : "\"all\" or {\"sample\": M} (M data rows, an integer ≥ 1)") + ", got " + describe(n));
            return null;
        }
        onlyFields(n, path, perturbations ? List.of("sample", "perturb") : List.of("sample"));
        if (perturbations && n.has("perturb")) {
            if (n.has("sample")) {
                report(path + ": give either \"sample\" (data rows) or \"perturb\" (perturbations of the row), not both");
                return null;
            }
            return perturb(n.get("perturb"), path + ".perturb");
        }
        JsonNode m = n.get("sample");
        if (m == null) {
            report(path + (perturbations ? ": missing \"sample\" or \"perturb\"; e.g. {\"sample\": 5000} data rows or"
                    + " {\"perturb\": {\"samples\": 5000}} perturbations"
                    : ": missing \"sample\"; give the number of data rows to sample, e.g. {\"sample\": 5000}"));
            return null;
        }
        Integer sample = intAtLeast(m, path + ".sample", 1);
        return sample == null ? null : LocalSpec.Neighbourhood.sample(sample);
    }

    /** {@code {"samples": M, "scale": s}}, scale 1 when left out. */
    private LocalSpec.Neighbourhood perturb(JsonNode n, String path) {
        if (!expectObject(n, path)) {
            return null;
        }
        onlyFields(n, path, PERTURB_FIELDS);
        if (!n.has("samples")) {
            report(path + ": missing \"samples\"; give the number of perturbations, e.g. {\"samples\": 5000}");
            return null;
        }
        Integer samples = intAtLeast(n.get("samples"), path + ".samples", 1);
        JsonNode s = n.get("scale");
        Double scale = s == null || s.isNull() ? Double.valueOf(LocalSpec.Neighbourhood.DEFAULT_SCALE)
                : positive(s, path + ".scale");
        return samples == null || scale == null ? null : LocalSpec.Neighbourhood.perturb(samples, scale);
    }

    /** {@code {}} = every default of {@link FinetuneSpec#DEFAULTS}; each field may be given on its own. */
    public final FinetuneSpec finetune(JsonNode n, String path) {
        if (!expectObject(n, path)) {
            return null;
        }
        onlyFields(n, path, FINETUNE_FIELDS);
        FinetuneSpec d = FinetuneSpec.DEFAULTS;
        int before = problemCount();
        Integer epochs = n.has("epochs") ? intAtLeast(n.get("epochs"), path + ".epochs", 1) : Integer.valueOf(d.epochs());
        Double learningRate = n.has("learningRate") ? positive(n.get("learningRate"), path + ".learningRate")
                : Double.valueOf(d.learningRate());
        Double structuralWeight = n.has("structuralWeight")
                ? nonNegative(n.get("structuralWeight"), path + ".structuralWeight")
                : Double.valueOf(d.structuralWeight());
        Integer batchSize = n.has("batchSize") ? intAtLeast(n.get("batchSize"), path + ".batchSize", 1)
                : Integer.valueOf(d.batchSize());
        Integer patience = n.has("patience") ? intAtLeast(n.get("patience"), path + ".patience", 1)
                : Integer.valueOf(d.patience());
        Double validation = n.has("validation") ? fraction(n.get("validation"), path + ".validation", false, false)
                : Double.valueOf(d.validation());
        TransferSpec transfer = n.has("transfer") ? transfer(n.get("transfer"), path + ".transfer") : d.transfer();
        String outputLoss = n.has("outputLoss") ? choice(n.get("outputLoss"), path + ".outputLoss", "output loss",
                FinetuneSpec.OutputLoss.jsonNames()) : d.outputLoss().jsonName();
        if (problemCount() > before) {
            return null;
        }
        return new FinetuneSpec(epochs, learningRate, structuralWeight, batchSize, patience, validation, transfer,
                FinetuneSpec.OutputLoss.fromJsonName(outputLoss));
    }

    /** {@code null} = no transfer rows; {@code {}} = every default of {@link TransferSpec#DEFAULTS}. */
    private TransferSpec transfer(JsonNode n, String path) {
        if (n.isNull()) {
            return null;
        }
        if (!expectObject(n, path)) {
            return null;
        }
        onlyFields(n, path, TRANSFER_FIELDS);
        TransferSpec d = TransferSpec.DEFAULTS;
        int before = problemCount();
        Double noise = n.has("noise") ? nonNegative(n.get("noise"), path + ".noise") : Double.valueOf(d.noise());
        Double mixup = n.has("mixup") ? nonNegative(n.get("mixup"), path + ".mixup") : Double.valueOf(d.mixup());
        Integer samples = n.has("samples") ? intAtLeast(n.get("samples"), path + ".samples", 1) : Integer.valueOf(d.samples());
        if (problemCount() > before) {
            return null;
        }
        return new TransferSpec(noise, mixup, samples);
    }
}
