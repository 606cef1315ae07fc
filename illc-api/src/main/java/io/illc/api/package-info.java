/**
 * The illc plugin SPI: five extension points ({@link io.illc.api.ClusteringStrategy},
 * {@link io.illc.api.AggregationFunction}, {@link io.illc.api.ActivationInverse},
 * {@link io.illc.api.Metric}, {@link io.illc.api.ExplanationRenderer}), each created by a named
 * {@link io.illc.api.PluginFactory} that {@link java.util.ServiceLoader} finds, and the immutable
 * values they exchange. This package depends on the JDK only.
 */
package io.illc.api;
