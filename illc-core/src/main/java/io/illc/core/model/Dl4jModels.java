package io.illc.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.api.Vector;
import io.illc.core.InputException;
import io.illc.core.io.AtomicFiles;
import io.illc.core.io.JsonOutput;
import io.illc.core.io.StrictJson;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Conversions between {@link Mlp} and Deeplearning4j's {@link MultiLayerNetwork}, and the DL4J
 * model zip ({@link ModelSerializer}'s format).
 *
 * <p>DL4J keeps a dense layer's weights as {@code W} of shape {@code [nIn, nOut]} and its bias as
 * {@code b} of shape {@code [1, nOut]}; an {@link Mlp} keeps {@code [out, in]} and {@code [out]},
 * so every conversion transposes. Networks built here are double precision.
 *
 * <p>A DL4J zip has no place for feature or class names, so {@link #writeZip} adds one entry,
 * {@value #NAMES_ENTRY} ({@code {"inputs": [...], "outputs": [...]}}), which DL4J ignores when it
 * restores the network; zips written by other tools lack it and get generated names.
 *
 * <p>Stateless; the conversions only read their arguments.
 */
public final class Dl4jModels {
    /** The zip entry with the input and output names, next to DL4J's own entries. */
    public static final String NAMES_ENTRY = "illc-names.json";
    /** The entry every DL4J model zip has; {@link ModelLoader} recognises the format by it. */
    static final String CONFIGURATION_ENTRY = "configuration.json";

    private Dl4jModels() {
    }

    /**
     * The dense layers of {@code net} as an {@link Mlp}. {@link DropoutLayer}s only act in training
     * and are skipped.
     *
     * @param inputNames  one per input of the first dense layer
     * @param outputNames one per neuron of the last dense layer
     * @throws InputException for a layer that is not dense (convolution, batch normalisation,
     *                        recurrent, ...), a dense layer with layer normalisation, an input
     *                        preprocessor, or an activation other than relu, sigmoid, tanh,
     *                        identity and softmax; the message names the layer index and type
     */
    public static Mlp toMlp(MultiLayerNetwork net, List<String> inputNames, List<String> outputNames) {
        return new Mlp(denseLayers(net), inputNames, outputNames);
    }

    /** {@link #toMlp} with generated names {@code x0, ...} and {@code y0, ...}. */
    static Mlp toUnnamedMlp(MultiLayerNetwork net) {
        return Mlp.unnamed(denseLayers(net));
    }

    private static List<DenseLayer> denseLayers(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                throw new InputException("DL4J layer " + i + " (" + layer.getClass().getSimpleName()
                        + ") has an input preprocessor " + pre.getClass().getSimpleName()
                        + "; only plain stacks of dense layers can be read");
            }
            if (layer instanceof DropoutLayer) {
                continue;
            }
            // Exact classes: subclasses such as CenterLossOutputLayer or RnnOutputLayer compute differently.
            boolean dense = layer.getClass() == org.deeplearning4j.nn.conf.layers.DenseLayer.class;
            if (!dense && layer.getClass() != OutputLayer.class) {
                throw new InputException("DL4J layer " + i + " is a " + layer.getClass().getSimpleName()
                        + "; only DenseLayer, OutputLayer and DropoutLayer can be read");
            }
            if (dense && ((org.deeplearning4j.nn.conf.layers.DenseLayer) layer).hasLayerNorm()) {
                throw new InputException("DL4J layer " + i + " (DenseLayer) uses layer normalisation, which an MLP cannot express");
            }
            Activation activation = activation(((BaseLayer) layer).getActivationFn(), i, layer);
            INDArray w = net.getLayer(i).getParam("W");
            INDArray b = net.getLayer(i).getParam("b");
            Matrix weights = Matrix.of(w.transpose().toDoubleMatrix());
            Vector bias = b == null ? Vector.filled(weights.rows(), 0.0) : Vector.of(b.toDoubleVector());
            layers.add(new DenseLayer(weights, bias, activation));
        }
        if (layers.isEmpty()) {
            throw new InputException("the DL4J network has no dense layers");
        }
        for (int l = 0; l < layers.size() - 1; l++) {
            if (layers.get(l).activation() == Activation.SOFTMAX) {
                throw new InputException("dense layer " + (l + 1) + " of the DL4J network uses softmax, which an MLP allows on the output layer only");
            }
        }
        return layers;
    }

    private static Activation activation(IActivation fn, int index, Layer layer) {
        if (fn instanceof ActivationReLU relu) {
            // A capped, thresholded or leaky ReLU is a different function.
            if (isSet(relu.getMax()) || isSet(relu.getThreshold()) || isSet(relu.getNegativeSlope())) {
                throw new InputException("DL4J layer " + index + " (" + layer.getClass().getSimpleName()
                        + ") uses a modified ReLU (" + fn + "); a capped or thresholded ReLU is not supported (use leakyrelu for a negative slope)");
            }
            return Activation.RELU;
        }
        if (fn instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        if (fn instanceof ActivationTanH) {
            return Activation.TANH;
        }
        if (fn instanceof ActivationIdentity) {
            return Activation.LINEAR;
        }
        if (fn instanceof ActivationSoftmax) {
            return Activation.SOFTMAX;
        }
        if (fn instanceof Dl4jActivation illc) {
            return illc.activation();
        }
        if (fn instanceof ActivationLReLU leaky && leaky.getAlpha() >= 0) {
            return Activation.leakyRelu(leaky.getAlpha());
        }
        if (fn instanceof ActivationELU elu && elu.getAlpha() > 0) {
            return Activation.elu(elu.getAlpha());
        }
        if (fn instanceof ActivationSoftPlus) {
            return Activation.SOFTPLUS;
        }
        if (fn instanceof ActivationSwish) {
            return Activation.SILU;
        }
        throw new InputException("DL4J layer " + index + " (" + layer.getClass().getSimpleName()
                + ") uses activation " + fn + "; supported: relu, leakyrelu (alpha >= 0), elu (alpha > 0), softplus, swish, sigmoid, "
                + "tanh, identity, softmax" + (fn instanceof ActivationGELU
                ? " (DL4J's GELU is an approximation, x·sigmoid(1.702x) or the tanh form, that illc does not have)" : ""));
    }

    private static boolean isSet(Double parameter) {
        return parameter != null && parameter != 0.0;
    }

    /**
     * A double-precision DL4J network computing the same function as {@code mlp}: one
     * {@code DenseLayer} per hidden layer and an {@code OutputLayer}. The output layer's loss only
     * matters for further training: MCXENT after softmax, XENT after sigmoid, MSE otherwise.
     */
    public static MultiLayerNetwork fromMlp(Mlp mlp) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.ZERO) // every parameter is overwritten below
                .list();
        List<DenseLayer> layers = mlp.layers();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            if (l < layers.size() - 1) {
                list.layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                        .nIn(layer.inputs()).nOut(layer.outputs())
                        .activation(dl4jActivation(layer.activation())).build());
            } else {
                list.layer(new OutputLayer.Builder(loss(layer.activation()))
                        .nIn(layer.inputs()).nOut(layer.outputs())
                        .activation(dl4jActivation(layer.activation())).build());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            net.getLayer(l).setParam("W", Nd4j.create(layer.weights().transpose().toArray()));
            net.getLayer(l).setParam("b", Nd4j.create(new double[][]{layer.bias().toArray()}));
        }
        return net;
    }

    /** The DL4J activation computing {@code activation}: DL4J's own for the original five, {@link Dl4jActivation} for the rest. */
    static IActivation dl4jActivation(Activation activation) {
        return switch (activation.kind()) {
            case RELU -> new ActivationReLU();
            case SIGMOID -> new ActivationSigmoid();
            case TANH -> new ActivationTanH();
            case LINEAR -> new ActivationIdentity();
            case SOFTMAX -> new ActivationSoftmax();
            default -> new Dl4jActivation(activation);
        };
    }

    private static LossFunctions.LossFunction loss(Activation output) {
        return switch (output.kind()) {
            case SOFTMAX -> LossFunctions.LossFunction.MCXENT;
            case SIGMOID -> LossFunctions.LossFunction.XENT;
            default -> LossFunctions.LossFunction.MSE;
        };
    }

    /**
     * Reads a DL4J model zip of a {@link MultiLayerNetwork}.
     *
     * @return the network's dense layers, named from {@value #NAMES_ENTRY} when the zip has it
     * @throws InputException when the file is missing, not a DL4J zip, or holds layers an MLP
     *                        cannot express
     */
    public static Mlp readZip(Path file) {
        return readZipFile(file).mlp();
    }

    /** {@link #readZip}, telling whether the names came from the file. */
    static ModelFile readZipFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("model file not found: " + file);
        }
        byte[] namesJson;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(CONFIGURATION_ENTRY) == null) {
                throw new InputException(file + " is a zip without " + CONFIGURATION_ENTRY + ", so not a DL4J model zip");
            }
            ZipEntry names = zip.getEntry(NAMES_ENTRY);
            namesJson = names == null ? null : zip.getInputStream(names).readAllBytes();
        } catch (ZipException e) {
            throw new InputException(file + " is not a readable zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e, e);
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot restore a DL4J MultiLayerNetwork from " + file + ": " + restoreProblem(e), e);
        }
        if (namesJson == null) {
            return new ModelFile(toUnnamedMlp(net), false, false);
        }
        JsonNode names = StrictJson.readTree(namesJson, NAMES_ENTRY + " in " + file, "{\"inputs\": [...], \"outputs\": [...]}");
        try {
            // Either key may be missing: a model written without input or output names.
            Mlp unnamed = toUnnamedMlp(net);
            boolean namedInputs = names.has("inputs");
            boolean namedOutputs = names.has("outputs");
            return new ModelFile(toMlp(net, namedInputs ? strings(names.get("inputs")) : unnamed.inputNames(),
                    namedOutputs ? strings(names.get("outputs")) : unnamed.outputNames()), namedInputs, namedOutputs);
        } catch (IllegalArgumentException e) {
            throw new InputException("bad " + NAMES_ENTRY + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What went wrong restoring a zip, in a user's words: a damaged header in the parameter file
     * surfaces from ND4J as "No enum constant org.nd4j...AllocationMode.X", which names a Java class.
     */
    static String restoreProblem(Throwable e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher noEnum = java.util.regex.Pattern.compile("No enum constant (\\S+)").matcher(message);
        if (noEnum.find()) {
            String[] parts = noEnum.group(1).split("\\.");
            String type = parts.length > 1 ? parts[parts.length - 2] : "value";
            return "its parameters declare an unknown " + type + " '" + parts[parts.length - 1]
                    + "' (the zip's coefficients.bin is damaged or from an incompatible DL4J version)";
        }
        return message;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("\"inputs\" and \"outputs\", when present, must be arrays of names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("names must be strings, found " + n);
            }
            out.add(n.asText());
        }
        return out;
    }

    /**
     * Writes {@code mlp} as a DL4J model zip (without updater state) to {@code file}.
     *
     * @throws InputException when the file cannot be written (missing directory, no permission)
     */
    public static void writeZip(Mlp mlp, Path file) {
        try {
            AtomicFiles.write(file, out -> writeZip(mlp, out));
        } catch (IOException e) {
            throw new InputException("cannot write model file " + file + ": " + e, e);
        }
    }

    /**
     * Writes {@code mlp} as a DL4J model zip (without updater state) with its names in
     * {@value #NAMES_ENTRY}. Does not close {@code out}.
     */
    public static void writeZip(Mlp mlp, OutputStream out) throws IOException {
        writeZip(mlp, true, true, out);
    }

    /**
     * {@link #writeZip(Mlp, OutputStream)}, with the input and output names in {@value #NAMES_ENTRY}
     * only when they are known: a model read without names is written without them (the entry, or
     * one of its keys, is left out), never with the generated {@code x0, ...}.
     */
    public static void writeZip(Mlp mlp, boolean namedInputs, boolean namedOutputs, OutputStream out) throws IOException {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fromMlp(mlp), dl4j, false);
        // Copy DL4J's entries and add ours; ModelSerializer offers no hook for a text entry.
        ZipOutputStream zip = new ZipOutputStream(out);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        if (namedInputs || namedOutputs) {
            ObjectNode names = JsonOutput.object();
            if (namedInputs) {
                names.set("inputs", JsonOutput.tree(mlp.inputNames()));
            }
            if (namedOutputs) {
                names.set("outputs", JsonOutput.tree(mlp.outputNames()));
            }
            zip.putNextEntry(new ZipEntry(NAMES_ENTRY));
            zip.write(JsonOutput.jacksonPretty(names).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        zip.finish();
    }
}
