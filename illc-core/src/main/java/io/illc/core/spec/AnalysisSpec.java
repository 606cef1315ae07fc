package io.illc.core.spec;

import io.illc.core.attribution.AttributionSettings;
import io.illc.core.attribution.ContestSettings;

/**
 * What to work out about a QBAF beyond the QBAF itself: the spec's {@code "attribution"} and
 * {@code "contest"} fields, at the top level for the global QBAF and inside {@code "local"} for every
 * rendered local one.
 *
 * @param attribution the attributions to compute ({@code attribution.json}), or {@code null} for none
 * @param contest     the contestability search ({@code contestability.json}), or {@code null} for none
 */
public record AnalysisSpec(AttributionSettings attribution, ContestSettings contest) {
    /** Neither. */
    public static final AnalysisSpec NONE = new AnalysisSpec(null, null);
}
