package io.illc.core.qbaf;

import io.illc.api.Activation;
import io.illc.api.Qbaf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.illc.core.qbaf.QbafEvaluatorTest.handQbaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The layer activations a {@link Qbaf} carries. (Tested here, next to the builder and evaluator
 * that rely on them, because illc-api has no test setup of its own.)
 */
class QbafTest {

    @Test
    void givesTheActivationOfEachLayerOneBasedAndTheOutputActivationLast() {
        Qbaf qbaf = handQbaf();

        assertEquals(List.of(Activation.TANH, Activation.SIGMOID), qbaf.activations());
        assertEquals(Activation.TANH, qbaf.activation(1));
        assertEquals(Activation.SIGMOID, qbaf.activation(2));
        assertEquals(Activation.SIGMOID, qbaf.outputActivation());
    }

    @Test
    void refusesALayerOutsideOneToTheOutputLayer() {
        Qbaf qbaf = handQbaf();

        IndexOutOfBoundsException zero = assertThrows(IndexOutOfBoundsException.class, () -> qbaf.activation(0));
        assertEquals("layer 0 is not one of layers 1..2", zero.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> qbaf.activation(3));
    }

    @Test
    void keepsItsOwnCopyOfTheActivations() {
        List<Activation> phi = new ArrayList<>(List.of(Activation.TANH, Activation.SIGMOID));
        Qbaf original = handQbaf();
        Qbaf qbaf = new Qbaf(original.arguments(), original.edges(), phi, null);

        phi.set(0, Activation.RELU);

        assertEquals(List.of(Activation.TANH, Activation.SIGMOID), qbaf.activations());
        assertThrows(UnsupportedOperationException.class, () -> qbaf.activations().set(0, Activation.RELU));
    }

    @Test
    void needsOneActivationPerLayerTheArgumentsReach() {
        Qbaf original = handQbaf();

        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> new Qbaf(original.arguments(), original.edges(), List.of(Activation.SIGMOID), null));
        assertEquals("the arguments reach layer 2 but 1 layer activations were given (one per layer 1..2)",
                tooFew.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new Qbaf(original.arguments(), original.edges(),
                        List.of(Activation.TANH, Activation.TANH, Activation.SIGMOID), null));
        assertEquals("the arguments reach layer 2 but 3 layer activations were given (one per layer 1..2)",
                tooMany.getMessage());
    }

    @Test
    void needsAtLeastTheOutputActivationEvenWithoutArguments() {
        assertEquals(List.of(Activation.LINEAR), new Qbaf(List.of(), List.of(), List.of(Activation.LINEAR), null).activations());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Qbaf(List.of(), List.of(), List.of(), null));
        assertEquals("a QBAF needs the activation of at least its output layer", e.getMessage());
    }

    @Test
    void allowsSoftmaxOnTheOutputLayerOnly() {
        Qbaf original = handQbaf();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Qbaf(original.arguments(), original.edges(), List.of(Activation.SOFTMAX, Activation.SOFTMAX), null));
        assertEquals("layer 1 of 2 has activation softmax; softmax is allowed on the output layer only", e.getMessage());
    }

    @Test
    void refusesAMissingActivation() {
        Qbaf original = handQbaf();

        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Qbaf(original.arguments(), original.edges(), Arrays.asList(null, Activation.SIGMOID), null));
        assertEquals("activation of layer 1", e.getMessage());
    }
}
