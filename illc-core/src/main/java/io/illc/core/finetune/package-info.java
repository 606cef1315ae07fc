/**
 * Beyond the choice of clusters: the per-layer cluster budget ({@link io.illc.core.compress.ClusterBudget},
 * {@code "compression": {"complexity": Ω}}) and fine-tuning of a compressed network's weights on
 * its fixed partition ({@link io.illc.core.finetune.Finetuner}, {@code "compression": {"finetune": {...}}}).
 * Both are described in {@code docs/refit.md}.
 */
package io.illc.core.finetune;
