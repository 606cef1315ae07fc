/** The plugin catalog: discovery by {@link java.util.ServiceLoader}, unique names, did-you-mean. */
package io.illc.core.catalog;
