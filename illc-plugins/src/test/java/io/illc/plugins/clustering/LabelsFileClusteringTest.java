package io.illc.plugins.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.illc.api.ClusterAssignment;
import io.illc.api.NeuronPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileClusteringTest {
    @TempDir
    Path folder;

    private Path write(String json) throws IOException {
        Path file = folder.resolve("clusters.json");
        Files.writeString(file, json);
        return file;
    }

    private static NeuronPoints layer(int layer, int neurons) {
        return Neurons.points(layer, Neurons.gaussian(new Random(layer), neurons, 3));
    }

    /** The message of the error, checked to name the file. */
    private static String failure(Path file, org.junit.jupiter.api.function.Executable action) {
        String message = assertThrows(IllegalArgumentException.class, action).getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(!message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void readsEachHiddenLayersLabelsAndIgnoresKAndOtherKeys() throws IOException {
        Path file = write("{\"comment\": \"by hand\", \"layers\": [[0, 0, 1], [7, 7, 2, 2, 7]]}");
        LabelsFileClustering labels = LabelsFileClustering.read(file);
        assertEquals(2, labels.layers());
        assertEquals(ClusterAssignment.fromLabels(new int[] {0, 0, 1}), labels.cluster(layer(1, 3), 1, 0));
        assertEquals(ClusterAssignment.fromLabels(new int[] {0, 0, 1, 1, 0}), labels.cluster(layer(2, 5), 5, 0));
    }

    @Test
    void keepsItsLabelsWhenTheFileChangesLater() throws IOException {
        Path file = write("{\"layers\": [[0, 1]]}");
        LabelsFileClustering labels = LabelsFileClustering.read(file);
        write("{\"layers\": [[0, 0]]}");
        assertEquals(ClusterAssignment.identity(2), labels.cluster(layer(1, 2), 2, 0));
    }

    @Test
    void reportsAMissingFile() {
        Path file = folder.resolve("nowhere.json");
        assertTrue(failure(file, () -> LabelsFileClustering.read(file)).contains("does not exist"));
    }

    @Test
    void reportsMalformedJsonWithItsPosition() throws IOException {
        Path file = write("{\"layers\": [[0, 1,]]}");
        String message = failure(file, () -> LabelsFileClustering.read(file));
        assertTrue(message.contains(": malformed JSON at line 1, column "), message);
    }

    @Test
    void rejectsWhatIllcsOneReaderRejects() throws IOException {
        Path duplicate = write("{\"layers\": [[0]],\n \"layers\": [[1]]}");
        String d = failure(duplicate, () -> LabelsFileClustering.read(duplicate));
        assertTrue(d.contains(": malformed JSON at line 2, column ") && d.contains("Duplicate field 'layers'"), d);
        Path trailing = write("{\"layers\": [[0]]}\n{}");
        String t = failure(trailing, () -> LabelsFileClustering.read(trailing));
        assertTrue(t.endsWith(": malformed JSON at line 2, column 1: more content after the end of the JSON document;"
                + " a file holds one JSON value"), t);
        Path nan = write("{\"layers\": [[0, NaN]]}");
        String n = failure(nan, () -> LabelsFileClustering.read(nan));
        assertTrue(n.contains("layer 1: the label of neuron 1 is \"NaN\"; labels must be non-negative integers"), n);
    }

    @Test
    void reportsAFileWithoutALayersArray() throws IOException {
        Path noKey = write("{\"clusters\": [[0]]}");
        assertTrue(failure(noKey, () -> LabelsFileClustering.read(noKey)).contains("\"layers\" array"));
        Path notArray = write("{\"layers\": 3}");
        assertTrue(failure(notArray, () -> LabelsFileClustering.read(notArray)).contains("\"layers\" array"));
        Path notObject = write("[[0, 1]]");
        assertTrue(failure(notObject, () -> LabelsFileClustering.read(notObject)).contains("\"layers\" array"));
    }

    @Test
    void reportsALayerThatIsNotAnArray() throws IOException {
        Path file = write("{\"layers\": [[0], {\"a\": 1}]}");
        String message = failure(file, () -> LabelsFileClustering.read(file));
        assertTrue(message.contains("layer 2") && message.contains("array of labels"), message);
    }

    @Test
    void reportsNegativeLabels() throws IOException {
        Path file = write("{\"layers\": [[0, 1], [0, -1, 2]]}");
        String message = failure(file, () -> LabelsFileClustering.read(file));
        assertTrue(message.contains("layer 2") && message.contains("neuron 1 is -1")
                && message.contains("non-negative integers"), message);
    }

    @Test
    void reportsNonIntegerLabels() throws IOException {
        Path fraction = write("{\"layers\": [[0, 1.5]]}");
        String message = failure(fraction, () -> LabelsFileClustering.read(fraction));
        assertTrue(message.contains("layer 1") && message.contains("neuron 1 is 1.5"), message);
        Path text = write("{\"layers\": [[\"a\"]]}");
        assertTrue(failure(text, () -> LabelsFileClustering.read(text)).contains("neuron 0 is \"a\""));
        Path huge = write("{\"layers\": [[0, 3000000000]]}");
        assertTrue(failure(huge, () -> LabelsFileClustering.read(huge)).contains("neuron 1 is 3000000000"));
    }

    @Test
    void reportsALayerTheFileHasNoLabelsFor() throws IOException {
        Path file = write("{\"layers\": [[0, 1]]}");
        LabelsFileClustering labels = LabelsFileClustering.read(file);
        String message = failure(file, () -> labels.cluster(layer(2, 2), 1, 0));
        assertTrue(message.contains("labels for 1 hidden layer") && message.contains("hidden layer 2"), message);
    }

    @Test
    void reportsALabelCountThatDiffersFromTheNeurons() throws IOException {
        Path file = write("{\"layers\": [[0, 1, 1]]}");
        LabelsFileClustering labels = LabelsFileClustering.read(file);
        String message = failure(file, () -> labels.cluster(layer(1, 4), 2, 0));
        assertTrue(message.contains("layer 1 has 3 labels") && message.contains("4 neurons"), message);
    }
}
