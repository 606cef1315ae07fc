package io.illc.cli;

import io.illc.core.model.LoadedModel;
import io.illc.core.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code illc predict}, {@code illc describe-model}, and names through {@code illc convert}. */
class PredictAndDescribeModelTest {
    private static final Path FIXTURES = Path.of("..", "illc-core", "src", "test", "resources", "io", "illc", "core", "model",
            "fixtures").toAbsolutePath().normalize();
    private static final Path BREAST_CANCER = Path.of("..", "illc-core", "src", "main", "resources", "io", "illc", "core",
            "data", "breast_cancer.csv").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"torch_batchnorm.onnx", "torch_leaky_elu.onnx", "torch_softplus_silu.onnx", "torch_gelu_erf.onnx",
            "torch_gelu_op.onnx", "torch_custom_forward.onnx", "keras_functional.keras", "keras_sequential.keras", "keras_sequential.h5",
            "sklearn_mlp.json"})
    void predictReproducesTheFrameworksOutputsOnEveryBreastCancerRow(String fixture) throws Exception {
        Path out = tmp.resolve("sub").resolve("p.csv");

        Cli.Outcome r = Cli.illc("predict", FIXTURES.resolve(fixture).toString(), BREAST_CANCER.toString(), "--out", out.toString());

        assertEquals(0, r.code(), r.err());
        List<String> got = Files.readAllLines(out);
        List<String> want = Files.readAllLines(FIXTURES.resolve(fixture.substring(0, fixture.lastIndexOf('.')) + ".expected.csv"));
        assertEquals(want.size(), got.size());
        if (fixture.startsWith("sklearn")) {
            assertEquals("malignant", got.get(0), "the class name from the file");
        }
        for (int i = 1; i < want.size(); i++) {
            String[] w = want.get(i).split(",");
            String[] g = got.get(i).split(",");
            assertEquals(w.length, g.length, "row " + i);
            for (int j = 0; j < w.length; j++) {
                assertEquals(Double.parseDouble(w[j]), Double.parseDouble(g[j]), 1e-5, fixture + " row " + i);
            }
        }
    }

    @Test
    void predictPrintsEveryRowOfAnOnnxModelInShortestRoundTripForm() throws Exception {
        Cli.Outcome r = Cli.illc("predict", FIXTURES.resolve("torch_batchnorm.onnx").toString(), BREAST_CANCER.toString());

        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("0,1", lines[0], "an unnamed model's outputs take the data's classes");
        assertEquals(570, lines.length);
        for (String v : lines[1].split(",")) {
            double d = Double.parseDouble(v);
            java.math.BigDecimal printed = new java.math.BigDecimal(v);
            assertTrue(printed.precision() <= 17, v);
            for (int digits = 1; digits < printed.precision(); digits++) {
                double shorter = printed.round(new java.math.MathContext(digits)).doubleValue();
                assertTrue(shorter != d, () -> v + " is not the shortest form that reads back to the same double");
            }
        }
    }

    @Test
    void predictListsBothSidesWhenTheNamesDisagree() throws Exception {
        Path csv = tmp.resolve("renamed.csv");
        List<String> lines = Files.readAllLines(BREAST_CANCER);
        Files.write(csv, List.of(lines.get(0).replace("mean_radius", "radius_mean"), lines.get(1)));

        Cli.Outcome r = Cli.illc("predict", FIXTURES.resolve("sklearn_mlp.json").toString(), csv.toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("has no column 'mean_radius', an input of the model"), r.err());
        assertTrue(r.err().contains("the model's inputs: mean_radius, mean_texture"), r.err());
        assertTrue(r.err().contains("the data's feature columns: radius_mean, mean_texture"), r.err());
    }

    @Test
    void predictOfAFileWithoutAHeaderRowSaysSo() throws Exception {
        Cli.namedModel(tmp);
        Path csv = Files.writeString(tmp.resolve("savetxt.csv"), "1.5,2.5\n3.25,-4\n5,6\n");
        String named = tmp.resolve("named.json").toString();

        Cli.Outcome byName = Cli.illc("predict", named, csv.toString());

        assertEquals(2, byName.code(), byName.err());
        assertEquals("illc: every column name of 'savetxt.csv' is a number: the file seems to have no header row, and"
                + " its first row was read as one; add a header naming the model's inputs",
                byName.errLines().get(byName.errLines().size() - 1));
        // A model without names takes the columns by position: its predictions come with a warning.
        Files.writeString(tmp.resolve("unnamed.json"), Files.readString(tmp.resolve("named.json"))
                .replace("\"inputs\": [\"a\", \"b\"], ", ""));
        Cli.Outcome byPosition = Cli.illc("predict", tmp.resolve("unnamed.json").toString(), csv.toString());
        assertEquals(0, byPosition.code(), byPosition.err());
        assertTrue(byPosition.err().startsWith("illc: warning: every column name of savetxt.csv is a number (1.5, 2.5):"),
                byPosition.err());
        assertEquals(3, byPosition.out().lines().count(), byPosition.out()); // a header and the two rows read
    }

    @Test
    void predictWithAModelOfOtherDataSaysSoBeforeReadingARow() throws Exception {
        Cli.namedModel(tmp);
        Path csv = Files.writeString(tmp.resolve("rows.csv"), "x,y,z,label\n1,2,3,c1\n");
        String named = tmp.resolve("named.json").toString();
        String unnamed = FIXTURES.resolve("torch_custom_forward.onnx").toString();

        Cli.Outcome byName = Cli.illc("predict", named, csv.toString());
        Cli.Outcome byPosition = Cli.illc("predict", unnamed, csv.toString());

        assertEquals(2, byName.code(), byName.err());
        assertEquals(List.of("illc: data 'rows.csv' has no column for 2 inputs of the model: 'a', 'b'",
                "illc: data 'rows.csv' has 4 columns that are not inputs of the model: 'x', 'y', 'z', 'label'; remove them"
                        + " or make one the label",
                "illc: the model's inputs: a, b",
                "illc: the data's feature columns: x, y, z, label"), byName.errLines());
        assertEquals(2, byPosition.code(), byPosition.err());
        assertEquals(List.of("illc: data 'rows.csv' has 4 feature columns but the model takes 30 inputs"), byPosition.errLines());
    }

    @Test
    void predictSaysInOneLineWhyTheDataCannotBeRead() {
        String model = FIXTURES.resolve("sklearn_mlp.json").toString();
        Path missing = tmp.resolve("nope.csv");

        Cli.Outcome absent = Cli.illc("predict", model, missing.toString());
        Cli.Outcome folder = Cli.illc("predict", model, tmp.toString());

        assertEquals(2, absent.code());
        assertEquals("illc: data file " + missing + " does not exist\n", absent.err());
        assertEquals(2, folder.code());
        assertEquals("illc: data file " + tmp + " is a directory, not a CSV file\n", folder.err());
    }

    @Test
    void predictRefusesAFolderAsItsOutputBeforeReadingTheModel() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("out"));

        Cli.Outcome r = Cli.illc("predict", tmp.resolve("absent.json").toString(), BREAST_CANCER.toString(),
                "--out", folder.toString());

        assertEquals(2, r.code(), r.err());
        assertEquals("illc: --out: " + folder + " is a folder; give a file name\n", r.err());
    }

    @Test
    void describeModelShowsLayersActivationsNamesAndParameters() {
        Cli.Outcome r = Cli.illc("describe-model", FIXTURES.resolve("torch_leaky_elu.onnx").toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inputs: 30 (the file names none: columns are matched by position)"), r.out());
        assertTrue(r.out().contains("hidden layer 1: 8 neurons, leaky-relu(slope=0.10000000149011612)"), r.out());
        assertTrue(r.out().contains("hidden layer 2: 6 neurons, elu(alpha=0.5)"), r.out());
        assertTrue(r.out().contains("output layer: 1 neurons, sigmoid"), r.out());
        assertTrue(r.out().contains("parameters: " + (30 * 8 + 8 + 8 * 6 + 6 + 6 + 1)), r.out());
    }

    @Test
    void describeModelListsManyInputNamesByTheirFirstAndLastOnes() throws Exception {
        StringBuilder names = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            names.append(i == 0 ? "" : ", ").append("\"f").append(i).append('"');
            row.append(i == 0 ? "" : ", ").append("0.5");
        }
        Path model = tmp.resolve("wide.json");
        java.nio.file.Files.writeString(model, """
                {"format": "illc-mlp", "version": 1, "inputs": [%s], "outputs": ["no", "yes"],
                 "layers": [{"weights": [[%s], [%s]], "bias": [0, 0], "activation": "relu"},
                            {"weights": [[1, 0], [0, 1]], "bias": [0, 0], "activation": "softmax"}]}
                """.formatted(names, row, row));

        Cli.Outcome r = Cli.illc("describe-model", model.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inputs: 100 f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,"
                + " f18, f19, ... (75 more) ..., f95, f96, f97, f98, f99\n"), r.out());
        assertTrue(r.out().contains("outputs: 2 no, yes\n"), r.out());
        assertEquals(DescribeModelCommand.LISTED_NAMES, DescribeModelCommand.listed(java.util.Collections.nCopies(
                DescribeModelCommand.LISTED_NAMES, "n")).split(", ").length, "as many as that in full");
    }

    @Test
    void anImportedLeakyReluEluNetworkRunsAndItsQbafReRendersWithTheLayersOwnSlopeAndAlpha() throws Exception {
        String spec = Cli.specFile(tmp, "onnx.json", """
                {"specVersion": 1, "seed": 0,
                 "data": {"builtin": "breast-cancer"},
                 "model": {"load": "%s"},
                 "compression": {"shrink": 0.5, "clustering": {"name": "agglomerative"}},
                 "local": {"instances": [3]},
                 "renderers": [{"name": "json"}]}
                """.formatted(FIXTURES.resolve("torch_leaky_elu.onnx").toString().replace("\\", "\\\\")));
        Path out = tmp.resolve("out");

        Cli.Outcome run = Cli.illc("run", spec, "--out", out.toString(), "--quiet");

        assertEquals(0, run.code(), run.err());
        String qbaf = Files.readString(out.resolve("qbaf.json"));
        assertTrue(qbaf.contains("{\"name\": \"leaky-relu\", \"slope\": 0.10000000149011612}, {\"name\": \"elu\", \"alpha\": 0.5}"), qbaf);
        // Re-rendering checks every stored strength against its bias and edges through the inverses.
        Cli.Outcome render = Cli.illc("render", out.toString(), "--renderer", "json");
        assertEquals(0, render.code(), render.err());
    }

    @Test
    void convertKeepsNamesExactlyAndInventsNone() throws Exception {
        Path named = tmp.resolve("named.zip");
        assertEquals(0, Cli.illc("convert", "--quiet", FIXTURES.resolve("sklearn_mlp.json").toString(), named.toString()).code());
        LoadedModel back = ModelLoader.load(named, null);
        LoadedModel original = ModelLoader.load(FIXTURES.resolve("sklearn_mlp.json"), null);
        assertEquals(original.mlp().inputNames(), back.mlp().inputNames());
        assertEquals(original.mlp().outputNames(), back.mlp().outputNames());
        assertTrue(back.namedInputs() && back.namedOutputs());

        Path unnamedJson = tmp.resolve("unnamed.json");
        assertEquals(0, Cli.illc("convert", "--quiet", FIXTURES.resolve("torch_batchnorm.onnx").toString(), unnamedJson.toString()).code());
        assertFalse(Files.readString(unnamedJson).contains("\"inputs\""), "no invented input names");
        Path unnamedZip = tmp.resolve("unnamed.zip");
        assertEquals(0, Cli.illc("convert", "--quiet", unnamedJson.toString(), unnamedZip.toString()).code());
        LoadedModel zip = ModelLoader.load(unnamedZip, null);
        assertFalse(zip.namedInputs());
        assertFalse(zip.namedOutputs());

        // A model without names loads with the CSV it was trained on: columns by position.
        Cli.Outcome r = Cli.illc("predict", unnamedZip.toString(), BREAST_CANCER.toString());
        assertEquals(0, r.code(), r.err());
    }
}
