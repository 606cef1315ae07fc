/**
 * An example third-party illc plugin: the {@code sorted-norm} clustering. It depends on
 * {@code illc-api} only, as every plugin should; see {@code docs/plugin-guide.md}.
 */
package io.illc.examples.sortednorm;
