package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KerasImportTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    /**
     * 3 → 4 (relu) → 2 (softmax); every weight a multiple of 1/8 so float32, as Keras stores
     * them, holds it exactly.
     */
    static Mlp source() {
        return Mlp.unnamed(List.of(
                new DenseLayer(Matrix.of(new double[][]{
                        {0.5, -0.25, 1.0}, {-1.5, 0.125, 0.75}, {0.25, 0.5, -0.5}, {2.0, -1.0, 0.375}}),
                        Vector.of(0.125, -0.5, 0.0, 0.25), Activation.RELU),
                new DenseLayer(Matrix.of(new double[][]{{1.0, -0.5, 0.25, 0.75}, {-0.25, 1.5, -1.0, 0.5}}),
                        Vector.of(-0.125, 0.375), Activation.SOFTMAX)));
    }

    @Test
    void importsAKeras2SequentialModelOfDenseLayers() {
        Mlp source = source();
        Path h5 = KerasFixture.write(dir.resolve("model.h5"), source, false);

        Mlp imported = KerasImport.read(h5);

        assertEquals(source.layers(), imported.layers());
        for (double[] row : SmallModels.rows(3, 8, 3)) {
            assertArrayEquals(SmallModels.output(source, row), SmallModels.output(imported, row), TOLERANCE);
        }
    }

    @Test
    void skipsDropoutLayers() {
        Mlp source = source();
        Path h5 = KerasFixture.write(dir.resolve("dropout.h5"), source, true);

        assertEquals(source.layers(), KerasImport.read(h5).layers());
    }

    @Test
    void rejectsAKerasArchiveWithoutItsWeights() throws Exception {
        Path keras = dir.resolve("model.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(keras))) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        InputException e = assertThrows(InputException.class, () -> KerasImport.read(keras));

        assertTrue(e.getMessage().contains("is a zip without config.json and model.weights.h5, so not a Keras 3 .keras archive"),
                e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotHdf5() throws Exception {
        Path text = Files.writeString(dir.resolve("model.h5"), "not hdf5");

        InputException e = assertThrows(InputException.class, () -> KerasImport.read(text));

        assertEquals(text + " is neither a Keras 3 .keras archive nor an HDF5 file (Keras 2's .h5);"
                + " save the model with model.save(\"model.keras\")", e.getMessage());
    }

    /** Writes the Keras 2 HDF5 layout that {@code model.save("model.h5")} produces. */
    static final class KerasFixture {
        private KerasFixture() {
        }

        static Path write(Path file, Mlp mlp, boolean dropoutAfterFirst) {
            List<String> layerJson = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int l = 0; l < mlp.layers().size(); l++) {
                DenseLayer layer = mlp.layers().get(l);
                String name = "dense_" + (l + 1);
                names.add(name);
                String inputShape = l == 0 ? "\"batch_input_shape\": [null, " + layer.inputs() + "], " : "";
                layerJson.add("{\"class_name\": \"Dense\", \"config\": {\"name\": \"" + name + "\", \"trainable\": true, "
                        + inputShape + "\"dtype\": \"float32\", \"units\": " + layer.outputs() + ", \"activation\": \""
                        + kerasActivation(layer.activation()) + "\", \"use_bias\": true, "
                        + "\"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}}, "
                        + "\"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, "
                        + "\"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                        + "\"kernel_constraint\": null, \"bias_constraint\": null}}");
                if (l == 0 && dropoutAfterFirst) {
                    names.add("dropout_1");
                    layerJson.add("{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dropout_1\", \"trainable\": true, "
                            + "\"dtype\": \"float32\", \"rate\": 0.5, \"noise_shape\": null, \"seed\": null}}");
                }
            }
            String modelConfig = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
                    + String.join(", ", layerJson) + "]}, \"keras_version\": \"2.4.0\", \"backend\": \"tensorflow\"}";
            try (H5File h5 = new H5File(file.toString(), hdf5.H5F_ACC_TRUNC)) {
                stringAttribute(h5, "keras_version", "2.4.0");
                stringAttribute(h5, "backend", "tensorflow");
                stringAttribute(h5, "model_config", modelConfig);
                try (Group weights = h5.createGroup("model_weights")) {
                    stringArrayAttribute(weights, "layer_names", names);
                    stringAttribute(weights, "keras_version", "2.4.0");
                    stringAttribute(weights, "backend", "tensorflow");
                    int dense = 0;
                    for (String name : names) {
                        try (Group layerGroup = weights.createGroup(name)) {
                            if (name.startsWith("dropout")) {
                                stringArrayAttribute(layerGroup, "weight_names", List.of());
                                continue;
                            }
                            DenseLayer layer = mlp.layers().get(dense++);
                            stringArrayAttribute(layerGroup, "weight_names", List.of(name + "/kernel:0", name + "/bias:0"));
                            try (Group inner = layerGroup.createGroup(name)) {
                                // Keras kernels are [in, out]: the transpose of the Mlp's [out, in].
                                floats(inner, "kernel:0", layer.weights().transpose());
                                floats(inner, "bias:0", layer.bias());
                            }
                        }
                    }
                }
            }
            return file;
        }

        private static String kerasActivation(Activation activation) {
            return activation == Activation.LINEAR ? "linear" : activation.jsonName();
        }

        /** A fixed-length string attribute, as h5py writes Python bytes. */
        private static void stringAttribute(H5Object target, String name, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            try (StrType type = new StrType(PredType.C_S1(), bytes.length);
                 DataSpace scalar = new DataSpace();
                 Attribute attribute = target.createAttribute(name, type, scalar);
                 BytePointer data = new BytePointer(bytes)) {
                attribute.write(type, data);
            }
        }

        /** A 1-d array of fixed-length strings, as h5py writes a numpy bytes array. */
        private static void stringArrayAttribute(H5Object target, String name, List<String> values) {
            int width = Math.max(1, values.stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).max().orElse(1));
            byte[] bytes = new byte[width * values.size()];
            for (int k = 0; k < values.size(); k++) {
                byte[] v = values.get(k).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(v, 0, bytes, k * width, v.length);
            }
            try (StrType type = new StrType(PredType.C_S1(), width);
                 DataSpace space = new DataSpace(1, new long[]{values.size()});
                 Attribute attribute = target.createAttribute(name, type, space);
                 BytePointer data = new BytePointer(bytes.length == 0 ? new byte[1] : bytes)) {
                attribute.write(type, data);
            }
        }

        private static void floats(Group group, String name, Matrix m) {
            float[] values = new float[m.rows() * m.cols()];
            double[] rowMajor = m.toRowMajor();
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rowMajor[i];
            }
            dataset(group, name, new long[]{m.rows(), m.cols()}, values);
        }

        private static void floats(Group group, String name, Vector v) {
            float[] values = new float[v.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) v.get(i);
            }
            dataset(group, name, new long[]{v.size()}, values);
        }

        private static void dataset(Group group, String name, long[] dims, float[] values) {
            try (DataSpace space = new DataSpace(dims.length, dims);
                 DataSet set = group.createDataSet(name, PredType.NATIVE_FLOAT(), space);
                 FloatPointer data = new FloatPointer(values)) {
                set.write(data, PredType.NATIVE_FLOAT());
            }
        }
    }
}
