/** ND4J float64 helpers for the batched algebra: forward passes and Gram matrices. */
package io.illc.core.linalg;
