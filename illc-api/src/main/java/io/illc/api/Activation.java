package io.illc.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The activation φ of a dense layer: a {@link Kind} and, for {@code leaky-relu} and {@code elu},
 * one parameter. Immutable and thread-safe; equal activations are {@link #equals equal}, and the
 * parameterless ones (and the parameterised ones at their defaults, when made through
 * {@link #of}) are the very constants below, so {@code ==} against a constant works.
 *
 * <p>{@link #SOFTMAX} is allowed on the output layer only; it works on a whole row of
 * pre-activations, every other activation is element-wise. The definitions (z the pre-activation):
 * <ul>
 *   <li>{@code relu}: max(0, z); {@code linear}: z; {@code sigmoid}: 1 / (1 + e^−z); {@code tanh};</li>
 *   <li>{@code leaky-relu} (slope s ≥ 0, default 0.01 as in PyTorch and DL4J): z for z > 0, s·z otherwise;</li>
 *   <li>{@code elu} (α > 0, default 1): z for z > 0, α·(e^z − 1) otherwise;</li>
 *   <li>{@code softplus}: ln(1 + e^z);</li>
 *   <li>{@code silu} (also called swish): z · sigmoid(z);</li>
 *   <li>{@code gelu}: z · Φ(z) = ½ z (1 + erf(z / √2)), the exact form (PyTorch's default, ONNX
 *       {@code Gelu}, Keras {@code approximate=False});</li>
 *   <li>{@code gelu-tanh}: ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))), the tanh approximation
 *       (PyTorch {@code approximate='tanh'}, Keras {@code approximate=True}).</li>
 * </ul>
 * {@code silu}, {@code gelu} and {@code gelu-tanh} are not monotone (they dip below 0 for negative
 * z), so they have no inverse; all others are non-decreasing.
 */
public final class Activation implements java.io.Serializable {
    private static final long serialVersionUID = 1L;


    /** The function family; {@link #parameterName()} says which one takes a parameter. */
    public enum Kind {
        // The first five in the order of the enum this class replaced, so ordinals and listings stay as they were.
        RELU("relu", null, 0),
        SIGMOID("sigmoid", null, 0),
        TANH("tanh", null, 0),
        LINEAR("linear", null, 0),
        SOFTMAX("softmax", null, 0),
        LEAKY_RELU("leaky-relu", "slope", 0.01),
        ELU("elu", "alpha", 1.0),
        SOFTPLUS("softplus", null, 0),
        SILU("silu", null, 0),
        GELU("gelu", null, 0),
        GELU_TANH("gelu-tanh", null, 0);

        private final String jsonName;
        private final String parameterName;
        private final double defaultParameter;

        Kind(String jsonName, String parameterName, double defaultParameter) {
            this.jsonName = jsonName;
            this.parameterName = parameterName;
            this.defaultParameter = defaultParameter;
        }

        /** The name in weights JSON, QBAF JSON and specs: {@code relu}, {@code leaky-relu}, ... */
        public String jsonName() {
            return jsonName;
        }

        /** The name of the one parameter ({@code slope}, {@code alpha}), or {@code null} when there is none. */
        public String parameterName() {
            return parameterName;
        }

        /** The parameter's default; 0 for kinds without a parameter. */
        public double defaultParameter() {
            return defaultParameter;
        }
    }

    public static final Activation RELU = new Activation(Kind.RELU, 0);
    /** Leaky ReLU with slope 0.01. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, 0.01);
    /** ELU with α = 1. */
    public static final Activation ELU = new Activation(Kind.ELU, 1.0);
    public static final Activation SOFTPLUS = new Activation(Kind.SOFTPLUS, 0);
    public static final Activation SILU = new Activation(Kind.SILU, 0);
    public static final Activation GELU = new Activation(Kind.GELU, 0);
    public static final Activation GELU_TANH = new Activation(Kind.GELU_TANH, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    public static final Activation LINEAR = new Activation(Kind.LINEAR, 0);
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);

    private static final List<Activation> DEFAULTS = List.of(RELU, SIGMOID, TANH, LINEAR, SOFTMAX, LEAKY_RELU, ELU,
            SOFTPLUS, SILU, GELU, GELU_TANH);

    /** √(2/π), the constant of the tanh form of GELU. */
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_TANH_CUBIC = 0.044715;
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private final Kind kind;
    private final double parameter;

    private Activation(Kind kind, double parameter) {
        this.kind = kind;
        this.parameter = parameter;
    }

    /** Deserialised, the constants stay the constants, so {@code ==} against them still works (and the checks of {@link #of} run). */
    private Object readResolve() {
        return of(kind, parameter);
    }

    /**
     * The activation of {@code kind} with {@code parameter}; for a kind without a parameter the
     * parameter must be 0 (or NaN, read as "none").
     *
     * @throws IllegalArgumentException for a slope that is negative or not finite, an α that is
     *                                  not positive and finite, or a parameter for a kind that has none
     */
    public static Activation of(Kind kind, double parameter) {
        Objects.requireNonNull(kind, "kind");
        if (kind.parameterName == null) {
            if (parameter != 0 && !Double.isNaN(parameter)) {
                throw new IllegalArgumentException(kind.jsonName + " takes no parameter, got " + parameter);
            }
            return defaultOf(kind);
        }
        if (kind == Kind.LEAKY_RELU && !(parameter >= 0 && Double.isFinite(parameter))) {
            throw new IllegalArgumentException("leaky-relu slope must be a finite number >= 0 (a negative slope is not monotone), got "
                    + parameter);
        }
        if (kind == Kind.ELU && !(parameter > 0 && Double.isFinite(parameter))) {
            throw new IllegalArgumentException("elu alpha must be a finite number > 0, got " + parameter);
        }
        Activation d = defaultOf(kind);
        return Double.compare(d.parameter, parameter) == 0 ? d : new Activation(kind, parameter);
    }

    /** Leaky ReLU with the given slope for z ≤ 0. */
    public static Activation leakyRelu(double slope) {
        return of(Kind.LEAKY_RELU, slope);
    }

    /** ELU with the given α. */
    public static Activation elu(double alpha) {
        return of(Kind.ELU, alpha);
    }

    /** The activation named {@code name} (case-insensitive) with its default parameter, or {@code null} if none is. */
    public static Activation fromName(String name) {
        for (Kind k : Kind.values()) {
            if (k.jsonName.equalsIgnoreCase(name)) {
                return defaultOf(k);
            }
        }
        return null;
    }

    /** Every kind at its default parameter, in {@link Kind} order. */
    public static List<Activation> defaults() {
        return DEFAULTS;
    }

    /** Every name {@link #fromName} knows, in {@link Kind} order. */
    public static List<String> names() {
        return Arrays.stream(Kind.values()).map(Kind::jsonName).toList();
    }

    private static Activation defaultOf(Kind kind) {
        return DEFAULTS.get(kind.ordinal());
    }

    public Kind kind() {
        return kind;
    }

    /** The slope of {@code leaky-relu} or the α of {@code elu}; 0 for every other kind. */
    public double parameter() {
        return parameter;
    }

    /** True for the kinds with a parameter ({@code leaky-relu}, {@code elu}). */
    public boolean hasParameter() {
        return kind.parameterName != null;
    }

    /** The name used in weights JSON and specs: {@code relu}, {@code leaky-relu}, ... (without the parameter). */
    public String jsonName() {
        return kind.jsonName;
    }

    /** True for the element-wise activations (all but softmax). */
    public boolean isElementWise() {
        return kind != Kind.SOFTMAX;
    }

    /**
     * True when φ is non-decreasing, so a positive weight can only raise the target's strength
     * (support) and a negative one only lower it (attack). False for silu, gelu and gelu-tanh.
     */
    public boolean isMonotone() {
        return kind != Kind.SILU && kind != Kind.GELU && kind != Kind.GELU_TANH;
    }

    /** φ(z) for an element-wise activation. */
    public double apply(double z) {
        return switch (kind) {
            case RELU -> z > 0 ? z : 0.0;
            case LEAKY_RELU -> z > 0 ? z : parameter * z;
            case ELU -> z > 0 ? z : parameter * Math.expm1(z);
            // ln(1 + e^z) without overflow for large z and without losing e^z for very negative z.
            case SOFTPLUS -> z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            case SILU -> z * sigmoid(z);
            case GELU -> z * normalCdf(z);
            case GELU_TANH -> 0.5 * z * (1 + Math.tanh(SQRT_2_OVER_PI * (z + GELU_TANH_CUBIC * z * z * z)));
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case LINEAR -> z;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax works on a whole row; use applyToRow");
        };
    }

    /**
     * φ′(z) for an element-wise activation. At the kink z = 0 of relu, leaky-relu and elu the
     * derivative from the left is taken (relu: 0, leaky-relu: the slope, elu: α), as DL4J does.
     */
    public double derivative(double z) {
        return switch (kind) {
            case RELU -> z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> z > 0 ? 1.0 : parameter;
            case ELU -> z > 0 ? 1.0 : parameter * Math.exp(z);
            case SOFTPLUS -> sigmoid(z);
            case SILU -> {
                double s = sigmoid(z);
                yield s * (1 + z * (1 - s));
            }
            case GELU -> normalCdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
            case GELU_TANH -> {
                double u = SQRT_2_OVER_PI * (z + GELU_TANH_CUBIC * z * z * z);
                double t = Math.tanh(u);
                yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_CUBIC * z * z);
            }
            case SIGMOID -> {
                double s = sigmoid(z);
                yield s * (1 - s);
            }
            case TANH -> {
                double t = Math.tanh(z);
                yield 1 - t * t;
            }
            case LINEAR -> 1.0;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has a Jacobian, not an element-wise derivative");
        };
    }

    /** Applies the activation in place to one row of pre-activations (softmax normalises over the row). */
    public void applyToRow(double[] row) {
        if (kind == Kind.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.exp(row[i] - max);
                sum += row[i];
            }
            for (int i = 0; i < row.length; i++) {
                row[i] /= sum;
            }
        } else {
            for (int i = 0; i < row.length; i++) {
                row[i] = apply(row[i]);
            }
        }
    }

    /** Φ(z), the standard normal distribution function: ½ (1 + erf(z / √2)). */
    static double normalCdf(double z) {
        return 0.5 * (1 + erf(z * INV_SQRT_2));
    }

    /**
     * erf(x), to about 1e-15 absolute: the everywhere-convergent series with positive terms
     * erf(x) = 2/√π · e^−x² · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), which has no cancellation; beyond
     * |x| = 6 erf is ±1 in double precision (erfc(6) ≈ 2e-17).
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a >= 6) {
            return Math.copySign(1.0, x);
        }
        double term = a;
        double sum = a;
        double x2 = 2 * a * a;
        for (int n = 1; n < 500 && term > sum * 1e-17; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(Math.min(1.0, 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum), x);
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation a && a.kind == kind && Double.compare(a.parameter, parameter) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Double.hashCode(parameter);
    }

    /** {@code relu}, {@code leaky-relu(slope=0.2)}, {@code elu(alpha=1.0)}: for messages and {@code describe-model}. */
    @Override
    public String toString() {
        return hasParameter() ? kind.jsonName + "(" + kind.parameterName + "=" + parameter + ")" : kind.jsonName;
    }

    /** The kind's name in upper case ({@code RELU}, {@code LEAKY_RELU}), as the enum this class replaced had. */
    public String name() {
        return kind.name().toUpperCase(Locale.ROOT);
    }
}
