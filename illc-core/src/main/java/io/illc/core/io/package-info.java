/**
 * Reading what users give us and writing what we give back, each in one place:
 * {@link io.illc.core.io.StrictJson} is the one JSON reader (specs, experiment specs, weights JSON,
 * {@code qbaf.json}, the files an experiment reads back), {@link io.illc.core.io.JsonOutput} the one
 * JSON writer (its pretty printers and number formatting decide the bytes of every JSON file we
 * write), and {@link io.illc.core.io.AtomicFiles} the one way a file or folder is published (written
 * beside its target, synced, renamed into place, with the permissions a plain write would give);
 * {@link io.illc.core.io.SpilledRecords} is the one scratch file (rows spilled for training and
 * fine-tuning, deleted when they end).
 */
package io.illc.core.io;
