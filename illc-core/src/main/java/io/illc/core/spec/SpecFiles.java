package io.illc.core.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a spec reads, checked up front: {@code illc validate} reports every missing one with
 * its JSON path, instead of a run finding the first of them after minutes of work; and a run
 * refuses an output folder that holds one of them, which writing the results would delete. (The
 * parser itself does not look at the file system, so a spec can be checked before its files exist.)
 */
public final class SpecFiles {
    private SpecFiles() {
    }

    /** A file a spec reads: where the spec names it, and what it is. */
    public record Read(Path file, String path, String what) {
    }

    /** Every file the spec reads, in spec order: its data, its model and its new rows to explain. */
    public static List<Read> read(PipelineSpec spec) {
        List<Read> files = new ArrayList<>(read(spec.data()));
        if (spec.model() instanceof ModelSpec.Load load) {
            files.add(new Read(load.file(), "$.model.load", "model file"));
        }
        if (spec.local() != null && spec.local().newRows() != null) {
            files.add(new Read(spec.local().newRows(), "$.local.csv", "file of new rows"));
        }
        return files;
    }

    /** The data file, at {@code $.data.csv}; none for built-in data. */
    public static List<Read> read(DataSpec data) {
        return data instanceof DataSpec.Csv csv ? List.of(new Read(csv.file(), "$.data.csv", "data file")) : List.of();
    }

    /** One problem per file the spec names that is not a readable file, with its JSON path. */
    public static List<String> missing(PipelineSpec spec) {
        return missing(read(spec));
    }

    /** The problem of a data file that is not a readable file, at {@code $.data.csv}; none for built-in data. */
    public static List<String> missing(DataSpec data) {
        return missing(read(data));
    }

    /**
     * One problem per file in {@code files} that lies inside {@code output}, an existing folder that
     * the results replace or empty (so the file would be deleted); none when the folder does not exist.
     */
    public static List<String> insideOutput(List<Read> files, Path output) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return problems;
        }
        Path folder = real(output);
        for (Read r : files) {
            if (Files.exists(r.file()) && real(r.file()).startsWith(folder)) {
                problems.add(r.path() + ": " + r.what() + " " + r.file() + " is inside the output folder " + output
                        + ", which the results replace (the file would be deleted); move the file or choose another"
                        + " output folder");
            }
        }
        return problems;
    }

    /** One problem per file in {@code files} that is not a readable file, with its JSON path. */
    public static List<String> missing(List<Read> files) {
        List<String> problems = new ArrayList<>();
        for (Read r : files) {
            if (!Files.isRegularFile(r.file())) {
                problems.add(r.path() + ": " + r.what() + " " + r.file()
                        + (Files.exists(r.file()) ? " is not a file" : " does not exist"));
            } else if (!Files.isReadable(r.file())) {
                problems.add(r.path() + ": " + r.what() + " " + r.file() + " is not readable");
            }
        }
        return problems;
    }

    /** The path with links resolved, so that where the bytes are decides; as given when that fails. */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
