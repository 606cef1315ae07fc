/**
 * Local explanations (the paper's Definition 10, and the defaults around it): the kernel that weights
 * the neighbourhood's rows by their distance to an explained row, the neighbourhoods (data rows, a
 * seeded sample of them, or seeded perturbations of the row), the engine that compresses the network
 * around that row with kernel-weighted clustering and the row-weighted aggregation and measures it
 * with every local metric, and the LIME surrogate it is compared with.
 */
package io.illc.core.local;
