/**
 * The built-in activation inverses φ⁻¹ (plugin kind {@code activation-inverse}): they recover a
 * cluster-neuron's bias from its base score β = φ(bias) (Definition 5). One factory per invertible
 * element-wise activation, named like the activation ({@code relu}, {@code sigmoid}, {@code tanh},
 * {@code linear}, {@code leaky-relu}, {@code elu}, {@code softplus}); a leaky ReLU's slope and an
 * ELU's α come from the layer through {@link io.illc.api.ActivationInverse#forActivation}.
 * Softmax has no element-wise inverse, and {@code silu}, {@code gelu} and {@code gelu-tanh} are
 * not monotone (two biases can give one base score), so they have no plugin: a strength under
 * them is checked forwards, φ(bias + incoming) = strength.
 */
package io.illc.plugins.activation;
