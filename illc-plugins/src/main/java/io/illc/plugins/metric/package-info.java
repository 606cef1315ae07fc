/**
 * The built-in metrics (plugin kind {@code metric}). Global ones measure a global compression over
 * the data set's N rows with row weights 1/N: {@code io-unfaithfulness} (Definition 6),
 * {@code structural-unfaithfulness}, {@code cognitive-complexity}, {@code agreement},
 * {@code dead-neurons} and {@code sign-agreement} (which reads only the networks and
 * partitions). Local ones measure a local explanation over its neighbourhood with the
 * row weights π̂: {@code local-io-unfaithfulness} and {@code local-structural-unfaithfulness}.
 * A global and a local metric with one formula share one class; only their factories differ.
 * All arithmetic is float64 on plain arrays, reading each activation matrix once per call.
 */
package io.illc.plugins.metric;
