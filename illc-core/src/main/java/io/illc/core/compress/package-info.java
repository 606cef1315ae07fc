/** The SpArX global and ILLC compressors: the layer loop, clustering inputs and merges. */
package io.illc.core.compress;
