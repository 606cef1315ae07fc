package io.illc.core.model;

import io.illc.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a weights JSON file can be wrong, and the one-line message it gets. */
class WeightsJsonErrorsTest {
    @TempDir
    Path dir;

    /** A valid layer, 2 inputs, 1 neuron. */
    private static final String LAYER = "{'weights': [[1, 2]], 'bias': [0], 'activation': 'relu'}";

    /** Reading {@code singleQuotedJson} from {@code m.json} fails with exactly "m.json...: " + {@code expected}. */
    private void assertRejected(String singleQuotedJson, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("m.json"), WeightsJsonTest.json(singleQuotedJson));
        InputException e = assertThrows(InputException.class, () -> WeightsJson.read(file));
        assertEquals(1, e.problems().size());
        assertEquals(file + expected, e.getMessage());
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("none.json");
        InputException e = assertThrows(InputException.class, () -> WeightsJson.read(file));
        assertEquals("model file " + file + " does not exist", e.getMessage());
    }

    @Test
    void rejectsADirectory() {
        InputException e = assertThrows(InputException.class, () -> WeightsJson.read(dir));
        assertEquals("model file " + dir + " is a directory, not a weights JSON file", e.getMessage());
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertRejected("", ": the document is empty; it is a JSON object such as {\"layers\": [...]}");
        assertRejected(" \n ", ": the document is empty; it is a JSON object such as {\"layers\": [...]}");
    }

    @Test
    void reportsTheLineAndColumnOfMalformedJson() throws IOException {
        assertRejected("{\n  'layers': [\n    {'weights' [[1]]}\n  ]\n}",
                ": malformed JSON at line 3, column 16 ($.layers[0].weights): Unexpected character ('[' (code 91)):"
                        + " was expecting a colon to separate field name and value");
    }

    @Test
    void reportsWhereAnUnclosedArrayStarted() throws IOException {
        assertRejected("{'layers': [}",
                ": malformed JSON at line 1, column 13 ($.layers[0]): Unexpected close marker '}': expected ']'"
                        + " (for Array starting at line 1, column 12)");
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        assertRejected("{'layers': [], 'layers': []}", ": malformed JSON at line 1, column 24 ($.layers): Duplicate field 'layers'");
    }

    @Test
    void rejectsTextAfterTheDocument() throws IOException {
        // The second '{' is character 72: 12 for {"layers": [, 57 for the layer, 2 for ]} and 1 space.
        assertRejected("{'layers': [" + LAYER + "]} {}", ": malformed JSON at line 1, column 72: more content after the end of the JSON document;"
                + " a file holds one JSON value");
    }

    @Test
    void rejectsATopLevelArray() throws IOException {
        assertRejected("[" + LAYER + "]", ": $: expected a JSON object like {\"layers\": [...]}, found an array");
    }

    @Test
    void rejectsAnotherFormat() throws IOException {
        assertRejected("{'format': 'keras', 'layers': [" + LAYER + "]}", ": $.format: expected \"illc-mlp\", found \"keras\"");
    }

    @Test
    void rejectsAnotherVersion() throws IOException {
        assertRejected("{'version': 2, 'layers': [" + LAYER + "]}",
                ": $.version: expected 1 (the only version this illc reads), found 2");
    }

    @Test
    void rejectsMissingLayers() throws IOException {
        assertRejected("{'meta': {}}", ": $.layers: missing; a weights JSON needs at least"
                + " {\"layers\": [{\"weights\": ..., \"bias\": ..., \"activation\": ...}]}");
    }

    @Test
    void rejectsLayersThatAreNotAnArray() throws IOException {
        assertRejected("{'layers': {}}", ": $.layers: expected an array of layers, found an object");
    }

    @Test
    void rejectsEmptyLayers() throws IOException {
        assertRejected("{'layers': []}", ": $.layers: empty; a model needs at least one layer");
    }

    @Test
    void rejectsALayerThatIsNotAnObject() throws IOException {
        assertRejected("{'layers': [" + LAYER + ", [1]]}", ": $.layers[1]: expected a layer object"
                + " {\"weights\": ..., \"bias\": ..., \"activation\": ...}, found an array");
    }

    @Test
    void rejectsAnUnknownLayerKeySuggestingTheIntendedOne() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'biases': [0], 'activation': 'relu'}]}",
                ": $.layers[0].biases: unknown key; a layer has weights, bias and activation; did you mean 'bias'?");
    }

    @Test
    void rejectsAMissingBias() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'activation': 'relu'}]}",
                ": $.layers[0].bias: missing; a layer needs weights, bias and activation");
    }

    @Test
    void rejectsAMissingActivation() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'bias': [0]}]}",
                ": $.layers[0].activation: missing; a layer needs weights, bias and activation");
    }

    @Test
    void rejectsEmptyWeights() throws IOException {
        assertRejected("{'layers': [{'weights': [], 'bias': [], 'activation': 'relu'}]}",
                ": $.layers[0].weights: empty; a layer needs at least one neuron (row)");
    }

    @Test
    void rejectsAnEmptyWeightRow() throws IOException {
        assertRejected("{'layers': [{'weights': [[]], 'bias': [0], 'activation': 'relu'}]}",
                ": $.layers[0].weights[0]: empty row; a neuron needs at least one input");
    }

    @Test
    void rejectsWeightsThatAreNotRows() throws IOException {
        assertRejected("{'layers': [{'weights': [1, 2], 'bias': [0, 0], 'activation': 'relu'}]}",
                ": $.layers[0].weights[0]: expected an array of numbers, found a number (1)");
    }

    @Test
    void rejectsRaggedWeightRows() throws IOException {
        assertRejected("{'layers': [" + LAYER + ", {'weights': [[1], [2, 3]], 'bias': [0, 0], 'activation': 'relu'}]}",
                ": $.layers[1].weights: ragged rows: row 0 has 1 values but row 1 has 2; every row holds one weight per input");
    }

    @Test
    void rejectsAShapeMismatchWithThePreviousLayerNamingBothNumbers() throws IOException {
        assertRejected("{'layers': [" + LAYER + ", " + LAYER + "]}",
                ": $.layers[1].weights: rows have 2 values (inputs) but $.layers[0] has 1 neurons (rows);"
                        + " each layer takes the previous layer's outputs");
    }

    @Test
    void rejectsABiasOfTheWrongLength() throws IOException {
        assertRejected("{'layers': [{'weights': [[1], [2]], 'bias': [0], 'activation': 'relu'}]}",
                ": $.layers[0].bias: has 1 values but $.layers[0].weights has 2 rows; one bias per neuron (row)");
    }

    @Test
    void rejectsAStringWhereANumberBelongs() throws IOException {
        assertRejected("{'layers': [{'weights': [[1, '2']], 'bias': [0], 'activation': 'relu'}]}",
                ": $.layers[0].weights[0][1]: expected a number, found a string (\"2\")");
    }

    @Test
    void rejectsNaNWithItsPath() throws IOException {
        assertRejected("{'layers': [{'weights': [[1, NaN]], 'bias': [0], 'activation': 'relu'}]}",
                ": malformed JSON at line 1, column 30 ($.layers[0].weights[0][1]): NaN is not a finite number; JSON numbers are finite (no NaN or Infinity) and fit a double");
    }

    @Test
    void rejectsInfinityWithItsPath() throws IOException {
        assertRejected("{'layers': [{'weights': [[1, 2]], 'bias': [-Infinity], 'activation': 'relu'}]}",
                ": malformed JSON at line 1, column 44 ($.layers[0].bias[0]): -Infinity is not a finite number; JSON numbers are finite (no NaN or Infinity) and fit a double");
    }

    @Test
    void rejectsANumberThatOverflowsToInfinity() throws IOException {
        assertRejected("{'layers': [{'weights': [[1e999]], 'bias': [0], 'activation': 'relu'}]}",
                ": malformed JSON at line 1, column 27 ($.layers[0].weights[0][0]): 1e999 is not a finite number; JSON numbers are finite (no NaN or Infinity) and fit a double");
    }

    @Test
    void rejectsAnUnknownActivationListingTheAllowedOnes() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'bias': [0], 'activation': 'rellu'}]}",
                ": $.layers[0].activation: unknown activation 'rellu'; allowed: relu, sigmoid, tanh, linear, softmax,"
                        + " leaky-relu, elu, softplus, silu, gelu, gelu-tanh; did you mean 'relu'?");
    }

    @Test
    void rejectsAnActivationThatIsNotAName() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'bias': [0], 'activation': 1}]}",
                ": $.layers[0].activation: expected an activation name (one of relu, sigmoid, tanh, linear, softmax, leaky-relu,"
                        + " elu, softplus, silu, gelu, gelu-tanh) or an object like {\"name\": \"leaky-relu\", \"slope\": 0.2},"
                        + " found a number (1)");
    }

    @Test
    void rejectsANegativeLeakySlopeAndAParameterOfTheWrongActivation() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'bias': [0], 'activation': {'name': 'leaky-relu', 'slope': -1}}]}",
                ": $.layers[0].activation: leaky-relu slope must be a finite number >= 0 (a negative slope is not monotone), got -1.0");
        assertRejected("{'layers': [{'weights': [[1]], 'bias': [0], 'activation': {'name': 'elu', 'slope': 1}}]}",
                ": $.layers[0].activation: unknown key 'slope' of activation elu; its parameter is 'alpha'");
    }

    @Test
    void rejectsSoftmaxOnAHiddenLayer() throws IOException {
        assertRejected("{'layers': [{'weights': [[1]], 'bias': [0], 'activation': 'softmax'},"
                        + " {'weights': [[1]], 'bias': [0], 'activation': 'sigmoid'}]}",
                ": $.layers[0].activation: softmax is allowed on the output (last) layer only; use relu, sigmoid, tanh or linear");
    }

    @Test
    void rejectsTooFewInputNames() throws IOException {
        assertRejected("{'inputs': ['a'], 'layers': [" + LAYER + "]}",
                ": $.inputs: has 1 names but $.layers[0] takes 2 inputs; give one name per input");
    }

    @Test
    void rejectsTooManyOutputNames() throws IOException {
        assertRejected("{'outputs': ['no', 'yes'], 'layers': [" + LAYER + "]}",
                ": $.outputs: has 2 names but $.layers[0] has 1 output neurons; give one name per output");
    }

    @Test
    void rejectsADuplicateInputName() throws IOException {
        assertRejected("{'inputs': ['a', 'a'], 'layers': [" + LAYER + "]}",
                ": $.inputs[1]: 'a' is already $.inputs[0]; names must be unique");
    }

    @Test
    void rejectsAnEmptyOrNonStringName() throws IOException {
        assertRejected("{'inputs': ['a', ''], 'layers': [" + LAYER + "]}", ": $.inputs[1]: expected a non-empty name, found \"\"");
        assertRejected("{'inputs': ['a', 3], 'layers': [" + LAYER + "]}", ": $.inputs[1]: expected a non-empty name, found 3");
    }

    @Test
    void rejectsNamesThatAreNotAnArray() throws IOException {
        assertRejected("{'outputs': 'p', 'layers': [" + LAYER + "]}", ": $.outputs: expected an array of names, found a string (\"p\")");
    }
}
