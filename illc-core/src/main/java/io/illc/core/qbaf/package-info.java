/**
 * The quantitative bipolar argumentation framework (QBAF) read off a compressed MLP (the paper's
 * Definitions 2–5): {@link io.illc.core.qbaf.QbafBuilder} turns a compressed network and the
 * partitions it came from into a {@link io.illc.api.Qbaf}, and
 * {@link io.illc.core.qbaf.QbafEvaluator} computes argument strengths under the MLP-based gradual
 * semantics (Potyka 2021) from the QBAF's own biases and edge weights;
 * {@link io.illc.core.qbaf.StrengthDecomposer} reads them backwards, splitting each argument's
 * strength into its bias and incoming contributions ({@link io.illc.core.qbaf.ArgumentDecomposition})
 * with the activation inverse plugins. Renderers that write a QBAF
 * out are plugins ({@code io.illc.plugins.render}).
 */
package io.illc.core.qbaf;
