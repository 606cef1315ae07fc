/**
 * What decided a QBAF's answer, and what would change it: argument and relation attributions
 * ({@link io.illc.core.attribution.Attributions}: gradient, removal, Shapley values over one layer's
 * arguments at a time) and contestability ({@link io.illc.core.attribution.Contestability}: the
 * smallest change of edge weights or biases that changes the predicted class), both under the
 * MLP-based semantics of {@link io.illc.core.qbaf.QbafEvaluator}, and their files
 * ({@code attribution.json}, {@code contestability.json}, ranked bar charts). See
 * {@code docs/attribution.md}.
 */
package io.illc.core.attribution;
