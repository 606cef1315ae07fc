package io.illc.core.local;

import io.illc.api.Mlp;

import java.util.List;

/** The class a network's output stands for. Stateless. */
public final class Predictions {
    private Predictions() {
    }

    /**
     * The predicted class name: with several outputs the output name of the largest output (the
     * first on ties); with one (sigmoid) output, its name when it is at least 0.5, otherwise the
     * other class: the data's first class when the data has two classes, else {@code not <name>}.
     *
     * @param output     the network's output at one row
     * @param mlp        the network (for its output names)
     * @param dataClasses the data's class names in class order; empty without labels
     */
    public static String className(double[] output, Mlp mlp, List<String> dataClasses) {
        List<String> names = mlp.outputNames();
        if (output.length != names.size()) {
            throw new IllegalArgumentException(output.length + " outputs for " + names.size() + " output names");
        }
        if (output.length == 1) {
            if (output[0] >= 0.5) {
                return names.get(0);
            }
            return dataClasses.size() == 2 ? dataClasses.get(0) : "not " + names.get(0);
        }
        int best = 0;
        for (int i = 1; i < output.length; i++) {
            if (output[i] > output[best]) {
                best = i;
            }
        }
        return names.get(best);
    }
}
