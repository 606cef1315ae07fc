package io.illc.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine knows about an explanation beyond its QBAF, handed to every renderer with the
 * QBAF ({@link ExplanationRenderer#render(Qbaf, RenderContext, java.io.OutputStream)}). The explained
 * row of a local explanation is not repeated here: it travels with the QBAF ({@link Qbaf#local()}).
 * Immutable.
 *
 * @param runSummary  the run summary as compact JSON text, {@code {"spec": <the effective spec, as in
 *                    spec.json>, "metrics": <this explanation's metrics, as in its metrics.json>}}, or
 *                    {@code null} when the engine does not know it (re-rendering a stored
 *                    {@code qbaf.json})
 * @param metrics     this explanation's metric results by label: the run's global metrics for the
 *                    run's QBAF, the row's local metrics for a local one; empty when not known
 * @param classNames  the class names in output order; empty when not known
 * @param classLabels what a reader should see for a class name, by class name (the built-in
 *                    breast-cancer data: {@code "0"} → {@code "benign"}); empty when the class names
 *                    are all there is. Display only: ids and predictions keep the class names
 * @param documents   the JSON documents the engine wrote next to the QBAF before rendering it, by
 *                    file name, as UTF-8 text: {@code features.json} (the feature summaries and the
 *                    features' standard deviations, docs/qbaf.md) and {@code attribution.json} when
 *                    there is one; empty when none is known
 */
public record RenderContext(String runSummary, Map<String, MetricResult> metrics, List<String> classNames,
                            Map<String, String> classLabels, Map<String, String> documents) {
    /** The file name of the feature summaries beside a QBAF. */
    public static final String FEATURES = "features.json";
    /** The file name of the argument attributions beside a QBAF. */
    public static final String ATTRIBUTION = "attribution.json";

    /** Nothing known beyond the QBAF. */
    public static final RenderContext NONE = new RenderContext(null, Map.of(), List.of());

    public RenderContext {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        classNames = List.copyOf(classNames);
        classLabels = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(classLabels, "classLabels")));
        documents = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(documents, "documents")));
    }

    /** A context without class labels or documents. */
    public RenderContext(String runSummary, Map<String, MetricResult> metrics, List<String> classNames) {
        this(runSummary, metrics, classNames, Map.of(), Map.of());
    }

    /** The same context with {@code documents} in place of its documents. */
    public RenderContext withDocuments(Map<String, String> documents) {
        return new RenderContext(runSummary, metrics, classNames, classLabels, documents);
    }
}
