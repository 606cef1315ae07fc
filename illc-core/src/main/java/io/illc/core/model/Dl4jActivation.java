package io.illc.core.model;

import io.illc.api.Activation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An illc activation as a DL4J activation function, so that a trained or written DL4J network
 * computes exactly {@link Activation#apply} and trains with exactly {@link Activation#derivative}.
 * Used for the activations whose DL4J counterpart is missing or defined differently: DL4J's
 * {@code GELU} is the sigmoid approximation x·σ(1.702x) and its "precise" GELU the tanh form, not
 * the erf form; using one class for all six new activations keeps one definition of each.
 *
 * <p>DL4J stores activations by class name in a model zip ({@code @class}), so a zip holding this
 * class is read back by illc only. Jackson needs the no-argument constructor and the setters.
 */
public final class Dl4jActivation extends BaseActivationFunction {
    private String name;
    private double parameter;

    /** For Jackson only. */
    public Dl4jActivation() {
    }

    Dl4jActivation(Activation activation) {
        this.name = activation.jsonName();
        this.parameter = activation.parameter();
    }

    /** The illc activation this stands for. */
    public Activation activation() {
        Activation a = Activation.fromName(name);
        if (a == null) {
            throw new IllegalStateException("unknown activation '" + name + "' in a DL4J configuration");
        }
        return Activation.of(a.kind(), a.hasParameter() ? parameter : 0);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public double getParameter() {
        return parameter;
    }

    public void setParameter(double parameter) {
        this.parameter = parameter;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Activation a = activation();
        double[] v = in.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = a.apply(v[i]);
        }
        in.assign(Nd4j.create(v, in.shape(), 'c').castTo(in.dataType()));
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Activation a = activation();
        double[] z = in.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = epsilon.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < z.length; i++) {
            z[i] = e[i] * a.derivative(z[i]);
        }
        in.assign(Nd4j.create(z, in.shape(), 'c').castTo(in.dataType()));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dl4jActivation d && d.activation().equals(activation());
    }

    @Override
    public int hashCode() {
        return activation().hashCode();
    }

    @Override
    public String toString() {
        return "illc(" + activation() + ")";
    }
}
