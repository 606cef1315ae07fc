package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpBuilderTest {

    @Test
    void foldsAMapBeforeTheActivationBackAndOneAfterItForward() {
        MlpBuilder b = new MlpBuilder("m");
        b.perFeature(new double[]{2, 4}, new double[]{1, -1}, "norm");          // at the input
        b.dense(new double[][]{{1, 1}}, new double[]{0.5}, "d1");
        b.perFeature(new double[]{3}, new double[]{0.25}, "bn1");               // before the activation
        b.activation(Activation.RELU, "relu");
        b.perFeature(new double[]{-2}, new double[]{1}, "bn2");                 // after it
        b.dense(new double[][]{{1}}, new double[]{0}, "d2");

        Mlp mlp = b.build();

        double[] x = {0.3, -0.2};
        double z = 3 * (1 * (2 * x[0] + 1) + 1 * (4 * x[1] - 1) + 0.5) + 0.25;
        double y = -2 * Math.max(0, z) + 1;
        assertArrayEquals(new double[]{y}, SmallModels.output(mlp, x), 1e-14);
        assertEquals(Activation.RELU, mlp.layer(1).activation());
    }

    @Test
    void refusesTwoActivationsInARow() {
        MlpBuilder b = new MlpBuilder("m");
        b.dense(new double[][]{{1}}, new double[]{0}, "dense (Dense)");
        b.activation(Activation.SOFTPLUS, "dense (Dense)");

        InputException e = assertThrows(InputException.class, () -> b.activation(Activation.leakyRelu(0.2), "lr (LeakyReLU)"));

        assertTrue(e.getMessage().contains("lr (LeakyReLU) applies leaky-relu(slope=0.2) after dense (Dense) already applied"
                + " softplus; an MLP has one activation per layer"), e.getMessage());
    }

    @Test
    void refusesAMapAfterTheLastActivation() {
        MlpBuilder b = new MlpBuilder("m");
        b.dense(new double[][]{{1}}, new double[]{0}, "d");
        b.activation(Activation.TANH, "d");
        b.perFeature(new double[]{2}, new double[]{0}, "bn (BatchNormalization)");

        InputException e = assertThrows(InputException.class, b::build);

        assertTrue(e.getMessage().contains("the per-feature map of bn (BatchNormalization) is the last computation"), e.getMessage());
    }
}
