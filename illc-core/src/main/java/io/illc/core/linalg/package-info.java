/**
 * The batched float64 linear algebra of the engines: forward passes over all rows and centred Gram
 * matrices, on row-major arrays through OpenBLAS ({@code dgemm}, {@code dsyrk}) where ND4J's
 * per-call overhead would dominate, and through ND4J for the element-wise activations.
 */
package io.illc.core.linalg;
