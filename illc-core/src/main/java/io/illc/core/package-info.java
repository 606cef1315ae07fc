/**
 * The illc engines: the entry point {@link io.illc.core.Illc} for code that runs specs, and the
 * exception type for bad input. Sub-packages hold the plugin catalog, the spec, data and model
 * loading, the compressors and the pipeline runner.
 */
package io.illc.core;
