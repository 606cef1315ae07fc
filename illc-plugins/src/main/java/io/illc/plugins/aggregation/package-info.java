/**
 * The built-in aggregation functions (plugin kind {@code aggregation}): how the weights of a
 * compressed network are built from a partition of each hidden layer. {@code average} is the
 * global merge of Definition 9 (SpArX); {@code local} is the instance-weighted merge of
 * Definition 10 used for local explanations; {@code refit} fits the next layer's input side to the
 * original pre-activations by weighted ridge regression towards the SpArX merge (see
 * {@code docs/refit.md}). All keep the interface's default incoming merge (the mean over each
 * cluster) and differ only in how the next layer's input side is merged.
 */
package io.illc.plugins.aggregation;
