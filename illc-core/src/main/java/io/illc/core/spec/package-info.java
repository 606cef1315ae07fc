/**
 * The version-1 JSON pipeline spec: immutable, fully defaulted records ({@link io.illc.core.spec.PipelineSpec}
 * and its parts), the strict {@link io.illc.core.spec.SpecParser} that reports every problem with its
 * JSON path, and the {@link io.illc.core.spec.SpecWriter} of the effective spec. {@link io.illc.core.spec.StrictJson}
 * and {@link io.illc.core.spec.SpecChecks} are shared with the experiment spec parser: reading the
 * JSON, and the checks a hand-written walk of the tree runs. The format is
 * described in {@code docs/spec.md} and {@code docs/spec.schema.json}.
 */
package io.illc.core.spec;
