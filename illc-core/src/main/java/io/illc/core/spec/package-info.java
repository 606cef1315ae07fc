/**
 * The version-1 JSON pipeline spec: immutable, fully defaulted records ({@link io.illc.core.spec.PipelineSpec}
 * and its parts), the strict {@link io.illc.core.spec.SpecParser} that reports every problem with its
 * JSON path, and the {@link io.illc.core.spec.SpecWriter} of the effective spec. The JSON is read by
 * {@link io.illc.core.io.StrictJson}, as every JSON input is; {@link io.illc.core.spec.SpecChecks},
 * the checks a hand-written walk of the tree runs, is shared with the experiment spec parser. The format is
 * described in {@code docs/spec.md} and {@code docs/spec.schema.json}.
 */
package io.illc.core.spec;
