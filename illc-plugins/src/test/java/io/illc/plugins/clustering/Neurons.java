package io.illc.plugins.clustering;

import io.illc.api.Matrix;
import io.illc.api.NeuronPoints;
import java.util.Random;

/** Test inputs: neuron vectors given row by row (one row per neuron), and plain-Java geometry on them. */
final class Neurons {
    private Neurons() {
    }

    /** {@code neurons[i]} is the vector of neuron i; all of the same length (the samples). */
    static NeuronPoints points(int layer, double[][] neurons) {
        return NeuronPoints.of(layer, Matrix.of(neurons).transpose());
    }

    /** Neurons on a line: one sample each. */
    static double[][] onLine(double... positions) {
        double[][] neurons = new double[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            neurons[i] = new double[] {positions[i]};
        }
        return neurons;
    }

    /** {@code n} neurons with standard normal entries in R^samples. */
    static double[][] gaussian(Random random, int n, int samples) {
        double[][] neurons = new double[n][samples];
        for (double[] v : neurons) {
            for (int r = 0; r < samples; r++) {
                v[r] = random.nextGaussian();
            }
        }
        return neurons;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int r = 0; r < a.length; r++) {
            double d = a[r] - b[r];
            sum += d * d;
        }
        return sum;
    }

    /** The mean of the given neurons' vectors. */
    static double[] centroid(double[][] neurons, int[] members) {
        double[] c = new double[neurons[0].length];
        for (int m : members) {
            for (int r = 0; r < c.length; r++) {
                c[r] += neurons[m][r];
            }
        }
        for (int r = 0; r < c.length; r++) {
            c[r] /= members.length;
        }
        return c;
    }

    /** Σ_i ‖p_i − centroid(C(i))‖², computed from the vectors. */
    static double inertia(double[][] neurons, io.illc.api.ClusterAssignment assignment) {
        double total = 0;
        for (int c = 0; c < assignment.clusterCount(); c++) {
            int[] members = assignment.members(c);
            double[] centre = centroid(neurons, members);
            for (int m : members) {
                total += squaredDistance(neurons[m], centre);
            }
        }
        return total;
    }
}
