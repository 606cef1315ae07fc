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
 * @param runSummary the run summary as compact JSON text, {@code {"spec": <the effective spec, as in
 *                   spec.json>, "metrics": <this explanation's metrics, as in its metrics.json>}}, or
 *                   {@code null} when the engine does not know it (re-rendering a stored
 *                   {@code qbaf.json})
 * @param metrics    this explanation's metric results by label: the run's global metrics for the
 *                   run's QBAF, the row's local metrics for a local one; empty when not known
 * @param classNames the class names in output order; empty when not known
 */
public record RenderContext(String runSummary, Map<String, MetricResult> metrics, List<String> classNames) {
    /** Nothing known beyond the QBAF. */
    public static final RenderContext NONE = new RenderContext(null, Map.of(), List.of());

    public RenderContext {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        classNames = List.copyOf(classNames);
    }
}
