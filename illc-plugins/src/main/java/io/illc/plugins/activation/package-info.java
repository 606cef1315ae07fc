/**
 * The built-in activation inverses φ⁻¹ (plugin kind {@code activation-inverse}): they recover a
 * cluster-neuron's bias from its base score β = φ(bias) (Definition 5). One factory per
 * element-wise activation, named like the activation ({@code relu}, {@code sigmoid}, {@code tanh},
 * {@code linear}); softmax has no element-wise inverse and so no plugin.
 */
package io.illc.plugins.activation;
