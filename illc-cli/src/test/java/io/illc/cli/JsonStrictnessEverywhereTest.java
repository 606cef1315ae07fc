package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.io.StrictJson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that reads a JSON document the user gives it rejects a duplicate key, content after
 * the document and a NaN literal in the same words: {@code <file>: malformed JSON at line L, column C
 * ($.path): <what>} (a spec's model file under the spec's field, {@code $.model.load: <file>: ...}), exit 2,
 * one line, nothing written.
 */
class JsonStrictnessEverywhereTest {
    @TempDir
    Path tmp;

    /** A command reading {@code document}: writes what it needs into {@code folder} and runs. */
    interface EntryPoint {
        /** @return the outcome and the file whose name the message must start with */
        Run run(Path folder, String document) throws IOException;
    }

    /** @param field the spec field the message names the file under ("$.model.load: "), or "" */
    record Run(Cli.Outcome outcome, Path file, String field) {
        Run(Cli.Outcome outcome, Path file) {
            this(outcome, file, "");
        }
    }

    static Stream<Arguments> entryPointsAndDefects() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String[] defect : new String[][]{
                {"a duplicate key", "{\"x\": 0,\n \"x\": 1}"},
                {"content after the document", "{\"x\": 0}\n{\"x\": 1}"},
                {"a NaN literal", "{\"x\": [0,\n NaN]}"}}) {
            all.add(Arguments.of("illc run (spec)", (EntryPoint) (folder, doc) -> {
                Path spec = write(folder, "spec.json", doc);
                return new Run(Cli.illc("run", spec.toString(), "--out", folder.resolve("out").toString()), spec);
            }, defect[0], defect[1]));
            all.add(Arguments.of("illc validate (spec)", (EntryPoint) (folder, doc) -> {
                Path spec = write(folder, "spec.json", doc);
                return new Run(Cli.illc("validate", spec.toString()), spec);
            }, defect[0], defect[1]));
            all.add(Arguments.of("illc explain (spec)", (EntryPoint) (folder, doc) -> {
                Path spec = write(folder, "spec.json", doc);
                return new Run(Cli.illc("explain", spec.toString(), "--row", "0", "--out", folder.resolve("out").toString()), spec);
            }, defect[0], defect[1]));
            all.add(Arguments.of("illc experiment (experiment spec)", (EntryPoint) (folder, doc) -> {
                Path spec = write(folder, "experiment.json", doc);
                return new Run(Cli.illc("experiment", spec.toString(), "--out", folder.resolve("out").toString()), spec);
            }, defect[0], defect[1]));
            all.add(Arguments.of("illc run (weights JSON model)", (EntryPoint) (folder, doc) -> {
                Path model = write(folder, "model.json", doc);
                Path spec = write(folder, "spec.json", Cli.goldenSpec().replace(
                        Cli.GOLDEN_MODEL.toString().replace("\\", "\\\\"), model.toString().replace("\\", "\\\\")));
                return new Run(Cli.illc("run", spec.toString(), "--out", folder.resolve("out").toString()), model,
                        "$.model.load: ");
            }, defect[0], defect[1]));
            all.add(Arguments.of("illc convert (weights JSON model)", (EntryPoint) (folder, doc) -> {
                Path model = write(folder, "model.json", doc);
                return new Run(Cli.illc("convert", model.toString(), folder.resolve("out/converted.json").toString()), model);
            }, defect[0], defect[1]));
            all.add(Arguments.of("illc render (qbaf.json)", (EntryPoint) (folder, doc) -> {
                Path qbaf = write(folder.resolve("out"), "qbaf.json", doc);
                return new Run(Cli.illc("render", folder.resolve("out").toString(), "--renderer", "dot"), qbaf);
            }, defect[0], defect[1]));
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} rejects {2}")
    @MethodSource("entryPointsAndDefects")
    void rejectsInTheSameWordsAsTheOneReader(String entryPoint, EntryPoint command, String defect, String document)
            throws IOException {
        String expected = assertThrows(InputException.class, () -> StrictJson.readTree(document, "FILE", "{}"))
                .getMessage().substring("FILE".length());

        Run run = command.run(tmp, document);

        assertEquals(2, run.outcome().code(), run.outcome().err());
        assertEquals("illc: " + run.field() + run.file() + expected, run.outcome().errLines().get(0));
        assertTrue(expected.startsWith(": malformed JSON at line 2, column "), expected);
        run.outcome().assertNoJavaInternalsOnStderr();
        assertFalse(Files.exists(tmp.resolve("out/converted.json")) || Files.isDirectory(tmp.resolve("out/local")),
                "nothing is written");
    }

    private static Path write(Path folder, String name, String text) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), text);
    }
}
