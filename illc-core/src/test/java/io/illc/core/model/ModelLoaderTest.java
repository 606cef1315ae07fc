package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLoaderTest {
    @TempDir
    Path dir;

    private final Mlp named = SmallModels.handComputed();

    @Test
    void readsWeightsJsonByItsOpeningBraceWhateverTheExtension() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}); // a byte-order mark
        bytes.write("\n  ".getBytes(StandardCharsets.UTF_8));
        bytes.write(WeightsJson.toBytes(named));
        Path file = Files.write(dir.resolve("model.weights"), bytes.toByteArray());

        LoadedModel loaded = ModelLoader.load(file, null);

        assertEquals(ModelLoader.WEIGHTS_JSON, loaded.format());
        assertEquals(named, loaded.mlp());
        assertTrue(loaded.namedInputs());
    }

    @Test
    void readsADl4jZipByItsConfigurationEntry() {
        Path file = dir.resolve("model.bin");
        Dl4jModels.writeZip(named, file);

        LoadedModel loaded = ModelLoader.load(file, null);

        assertEquals(ModelLoader.DL4J, loaded.format());
        assertEquals(named, loaded.mlp());
        assertTrue(loaded.namedOutputs());
    }

    @Test
    void readsKerasHdf5ByItsSignature() {
        Path file = KerasImportTest.KerasFixture.write(dir.resolve("model.hdf"), KerasImportTest.source(), false);

        LoadedModel loaded = ModelLoader.load(file, null);

        assertEquals(ModelLoader.KERAS, loaded.format());
        assertEquals(KerasImportTest.source().layers(), loaded.mlp().layers());
        assertFalse(loaded.namedInputs());
        assertFalse(loaded.namedOutputs());
    }

    @Test
    void readsOnnxByItsExtension() throws Exception {
        Path file = Files.write(dir.resolve("model.ONNX"), oneGemm().toByteArray());

        LoadedModel loaded = ModelLoader.load(file, null);

        assertEquals(ModelLoader.ONNX, loaded.format());
        assertEquals(List.of(new DenseLayer(Matrix.of(new double[][]{{1, 2}}), Vector.of(0.5), Activation.LINEAR)),
                loaded.mlp().layers());
    }

    @Test
    void aGivenFormatSkipsDetection() throws Exception {
        Path file = Files.write(dir.resolve("model.bin"), oneGemm().toByteArray());

        assertEquals(ModelLoader.ONNX, ModelLoader.load(file, "onnx").format());
    }

    /** A format that the file's content plainly contradicts is named with the right one, by load and shape alike. */
    @Test
    void aGivenFormatTheContentContradictsIsNamedWithTheRightOne() throws Exception {
        Path json = Files.write(dir.resolve("m.json"), WeightsJson.toBytes(named));
        Path zip = dir.resolve("m.zip");
        Dl4jModels.writeZip(named, zip);
        Path hdf5 = KerasImportTest.KerasFixture.write(dir.resolve("m.h5"), KerasImportTest.source(), false);
        String[][] cases = {
                {json.toString(), "keras", "weights-json"}, {json.toString(), "onnx", "weights-json"},
                {zip.toString(), "weights-json", "dl4j"}, {zip.toString(), "keras", "dl4j"},
                {hdf5.toString(), "dl4j", "keras"}, {hdf5.toString(), "onnx", "keras"}};
        for (String[] c : cases) {
            Path file = Path.of(c[0]);
            String expected = "model file " + file + " is in the " + c[2] + " format, not " + c[1]
                    + "; name the format " + c[2] + ", or leave it out to have it detected";
            assertEquals(expected, assertThrows(InputException.class, () -> ModelLoader.load(file, c[1])).getMessage());
            assertEquals(expected, assertThrows(InputException.class, () -> ModelLoader.shape(file, c[1])).getMessage());
        }
        assertEquals(ModelLoader.KERAS, ModelLoader.load(hdf5, "keras").format(), "the right format still reads");
    }

    @Test
    void aKerasArchiveWithoutWeightsIsNamedAsSuch() throws Exception {
        Path file = zip(dir.resolve("model.keras"), "config.json");

        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(file, null));

        assertTrue(e.getMessage().contains("so not a Keras 3 .keras archive"), e.getMessage());
    }

    @Test
    void aZipThatIsNoModelIsRejected() throws Exception {
        Path file = zip(dir.resolve("photos.zip"), "cat.jpg");

        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(file, null));

        assertTrue(e.getMessage().contains("not a DL4J model zip"), e.getMessage());
    }

    @Test
    void anUnrecognisedFileAsksForTheFormat() throws Exception {
        Path file = Files.writeString(dir.resolve("model.txt"), "weights go here");

        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(file, null));

        assertTrue(e.getMessage().contains("cannot tell the format"), e.getMessage());
        assertTrue(e.getMessage().contains("weights-json, dl4j, keras, onnx"), e.getMessage());
    }

    @Test
    void aDamagedFileNamedForAFormatIsToldWhatItsReaderFinds() throws Exception {
        Path keras = Files.writeString(dir.resolve("model.keras"), "hello");
        Path h5 = Files.writeString(dir.resolve("model.h5"), "hello");
        Path json = Files.writeString(dir.resolve("model.json"), "hello");

        assertEquals(keras + " is neither a Keras 3 .keras archive nor an HDF5 file (Keras 2's .h5); save the model"
                + " with model.save(\"model.keras\")", assertThrows(InputException.class, () -> ModelLoader.load(keras, null)).getMessage());
        assertTrue(assertThrows(InputException.class, () -> ModelLoader.load(h5, null)).getMessage()
                .startsWith(h5 + " is neither a Keras 3 .keras archive nor an HDF5 file"));
        String jsonMessage = assertThrows(InputException.class, () -> ModelLoader.load(json, null)).getMessage();
        assertTrue(jsonMessage.startsWith(json + ": malformed JSON at line 1, column 1"), jsonMessage);
    }

    @Test
    void anUnknownFormatNameIsRejectedWithASuggestion() throws Exception {
        Path file = Files.write(dir.resolve("m.json"), WeightsJson.toBytes(named));

        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(file, "dl4"));

        assertTrue(e.getMessage().contains("unknown model format 'dl4'"), e.getMessage());
        assertTrue(e.getMessage().contains("dl4j"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.json");

        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(missing, null));

        assertEquals("model file not found: " + missing, e.getMessage());
    }

    @Test
    void writerPicksTheFormatByExtension() {
        Path json = dir.resolve("out.json");
        Path zip = dir.resolve("out.zip");

        ModelWriter.write(named, json, null);
        ModelWriter.write(named, zip, null);

        assertEquals(new LoadedModel(named, true, true, ModelLoader.WEIGHTS_JSON), ModelLoader.load(json, null));
        assertEquals(new LoadedModel(named, true, true, ModelLoader.DL4J), ModelLoader.load(zip, null));
    }

    @Test
    void writerRejectsImportOnlyFormatsAndUnknownExtensions() {
        InputException onnx = assertThrows(InputException.class,
                () -> ModelWriter.write(named, dir.resolve("out.onnx"), "onnx"));
        InputException h5 = assertThrows(InputException.class,
                () -> ModelWriter.write(named, dir.resolve("out.h5"), null));

        assertTrue(onnx.getMessage().contains("import-only"), onnx.getMessage());
        assertTrue(h5.getMessage().contains("out.h5"), h5.getMessage());
    }

    /** One Gemm: y = x · (1, 2)ᵀ + 0.5 (weight [out, in] with transB = 1). */
    private static Onnx.ModelProto oneGemm() {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("x"))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName("y"))
                .addInitializer(Onnx.TensorProto.newBuilder().setName("w").setDataType(11).addDims(1).addDims(2)
                        .addDoubleData(1).addDoubleData(2))
                .addInitializer(Onnx.TensorProto.newBuilder().setName("b").setDataType(11).addDims(1).addDoubleData(0.5))
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Gemm").addInput("x").addInput("w").addInput("b").addOutput("y")
                        .addAttribute(Onnx.AttributeProto.newBuilder().setName("transB").setI(1)
                                .setType(Onnx.AttributeProto.AttributeType.INT)))
                .build();
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(graph).build();
    }

    private static Path zip(Path file, String entry) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(1);
            zip.closeEntry();
        }
        return file;
    }
}
