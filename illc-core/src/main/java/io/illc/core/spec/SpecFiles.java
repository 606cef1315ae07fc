package io.illc.core.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a spec reads, checked up front: {@code illc validate} reports every missing one with
 * its JSON path, instead of a run finding the first of them after minutes of work. (The parser
 * itself does not look at the file system, so a spec can be checked before its files exist.)
 */
public final class SpecFiles {
    private SpecFiles() {
    }

    /** One problem per file the spec names that is not a readable file, with its JSON path. */
    public static List<String> missing(PipelineSpec spec) {
        List<String> problems = new ArrayList<>(missing(spec.data()));
        if (spec.model() instanceof ModelSpec.Load load) {
            check(load.file(), "$.model.load", "model file", problems);
        }
        if (spec.local() != null && spec.local().newRows() != null) {
            check(spec.local().newRows(), "$.local.csv", "file of new rows", problems);
        }
        return problems;
    }

    /** The problem of a data file that is not a readable file, at {@code $.data.csv}; none for built-in data. */
    public static List<String> missing(DataSpec data) {
        List<String> problems = new ArrayList<>();
        if (data instanceof DataSpec.Csv csv) {
            check(csv.file(), "$.data.csv", "data file", problems);
        }
        return problems;
    }

    private static void check(Path file, String path, String what, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(path + ": " + what + " " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        } else if (!Files.isReadable(file)) {
            problems.add(path + ": " + what + " " + file + " is not readable");
        }
    }
}
