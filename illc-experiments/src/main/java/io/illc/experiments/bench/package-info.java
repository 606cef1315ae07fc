/** Speed benchmarks of the engines, printed as tables by {@code illc bench}. */
package io.illc.experiments.bench;
