/**
 * The {@code illc} command line: picocli commands over {@link io.illc.core.Illc}, with exit codes
 * 0 (success), 1 (internal error) and 2 (bad input or a misbehaving plugin), one-line error messages, and
 * progress on stderr only when it is a terminal. {@link io.illc.cli.Main} is the only class with
 * {@code main}, {@code System.exit} and the Guice injector.
 */
package io.illc.cli;
