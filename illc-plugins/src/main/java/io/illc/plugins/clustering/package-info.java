/**
 * The built-in clustering plugins: they partition the neurons of one hidden layer, neuron {@code i}
 * being the point {@code A_l[:, i]} in R^samples.
 *
 * <ul>
 *   <li>{@code kmeans} ({@link io.illc.plugins.clustering.KMeansClusteringFactory}): k-means++
 *       seeding and Lloyd iterations, best of several seeded restarts;</li>
 *   <li>{@code agglomerative} ({@link io.illc.plugins.clustering.AgglomerativeClusteringFactory}):
 *       Ward, average or complete linkage, the same partition scipy and scikit-learn give;</li>
 *   <li>{@code labels} ({@link io.illc.plugins.clustering.LabelsFileClusteringFactory}): a fixed
 *       partition read from a {@code clusters.json} file.</li>
 * </ul>
 *
 * <p>The geometric algorithms work on the Gram matrix of the centred points only
 * ({@link io.illc.api.NeuronPoints#gram()}), never on the {@code samples}-long vectors, so their cost
 * depends on the number of neurons, not on the size of the dataset. All per-neuron bookkeeping is in
 * plain {@code double[]}/{@code int[]} arrays local to one call: the strategies hold only their
 * parameters and are immutable and thread-safe.
 */
package io.illc.plugins.clustering;
