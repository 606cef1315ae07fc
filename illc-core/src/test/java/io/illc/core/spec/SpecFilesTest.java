package io.illc.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aFileInsideTheOutputFolderOrBelowItIsAProblemWithItsPath() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path data = Files.writeString(out.resolve("data.csv"), "a,y\n1,0\n");
        Path model = Files.writeString(Files.createDirectories(out.resolve("models")).resolve("m.json"), "{}");
        Path elsewhere = Files.writeString(tmp.resolve("rows.csv"), "a\n1\n");

        List<String> problems = SpecFiles.insideOutput(List.of(new SpecFiles.Read(data, "$.data.csv", "data file"),
                new SpecFiles.Read(model, "$.model.load", "model file"),
                new SpecFiles.Read(elsewhere, "$.local.csv", "file of new rows")), out);

        assertEquals(List.of("$.data.csv: data file " + data + " is inside the output folder " + out
                        + ", which the results replace (the file would be deleted); move the file or choose another output folder",
                "$.model.load: model file " + model + " is inside the output folder " + out
                        + ", which the results replace (the file would be deleted); move the file or choose another output folder"),
                problems);
    }

    @Test
    void aFolderThatDoesNotExistYetOrAFileBesideItIsNoProblem() throws IOException {
        Path data = Files.writeString(tmp.resolve("data.csv"), "a,y\n1,0\n");
        Path sibling = Files.createDirectories(tmp.resolve("data"));   // a name that data.csv's path starts with, as text
        List<SpecFiles.Read> files = List.of(new SpecFiles.Read(data, "$.data.csv", "data file"));

        assertEquals(List.of(), SpecFiles.insideOutput(files, tmp.resolve("new")));
        assertEquals(List.of(), SpecFiles.insideOutput(files, sibling));
    }

    @Test
    void whereTheBytesAreDecidesThroughLinks() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path data = Files.writeString(real.resolve("data.csv"), "a,y\n1,0\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Path outside = Files.writeString(tmp.resolve("outside.csv"), "a,y\n1,0\n");
        Path linkToOutside = Files.createSymbolicLink(real.resolve("to-outside.csv"), outside);

        // The folder named through a link holds the file; a link inside it to a file elsewhere loses nothing.
        assertEquals(1, SpecFiles.insideOutput(List.of(new SpecFiles.Read(data, "$.data.csv", "data file")), link).size());
        assertEquals(List.of(), SpecFiles.insideOutput(List.of(new SpecFiles.Read(linkToOutside, "$.data.csv", "data file")), real));
    }
}
