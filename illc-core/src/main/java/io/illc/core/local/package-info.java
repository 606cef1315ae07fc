/**
 * Local explanations (the paper's Definition 10): the kernel that weights the data rows by their
 * distance to an explained row, and the engine that compresses the network around that row with
 * kernel-weighted clustering and the row-weighted aggregation, then measures it with every local metric.
 */
package io.illc.core.local;
