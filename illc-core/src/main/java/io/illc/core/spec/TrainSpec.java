package io.illc.core.spec;

import io.illc.api.Activation;

import java.util.List;

/**
 * How to train a model with Deeplearning4j.
 *
 * @param hidden       widths of the hidden layers (at least one)
 * @param activation   of the hidden layers: relu, tanh or sigmoid
 * @param epochs       passes over the training split
 * @param batchSize    rows per update
 * @param learningRate Adam's step size
 * @param testFraction share of rows held out for the test accuracy, in [0, 1)
 * @param output       softmax over the classes, or one sigmoid unit (two classes only)
 */
public record TrainSpec(List<Integer> hidden, Activation activation, int epochs, int batchSize,
                        double learningRate, double testFraction, Activation output) {
    public TrainSpec {
        hidden = List.copyOf(hidden);
    }

    public static TrainSpec defaults() {
        return new TrainSpec(List.of(100, 100, 100, 100, 100), Activation.RELU, 100, 64, 0.001, 0.2, Activation.SOFTMAX);
    }
}
