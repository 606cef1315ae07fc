package io.illc.core.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fine-tuning of the compressed network's weights on its fixed partition
 * ({@code "compression": {"finetune": {...}}}); see {@code docs/refit.md}. The shape of the network
 * never changes, only its weights and biases.
 *
 * @param epochs           at most this many passes over the training part of the fitting rows, ≥ 1
 * @param learningRate     Adam's initial step size, &gt; 0; it decays to 0 along a cosine over {@code epochs}
 * @param structuralWeight λ ≥ 0, the weight of the structural term in the loss (0: outputs only)
 * @param batchSize        rows per update, ≥ 1
 * @param patience         stop after this many epochs without a lower validation loss, ≥ 1
 * @param validation       the share of the fitting rows held out (seeded) to choose the epoch whose
 *                         weights are kept, in (0, 1)
 * @param transfer         synthetic rows to train on besides the training rows, or {@code null} for none
 * @param outputLoss       what the output term of the training objective measures
 */
public record FinetuneSpec(int epochs, double learningRate, double structuralWeight, int batchSize, int patience,
                           double validation, TransferSpec transfer, OutputLoss outputLoss) {
    /** The defaults of {@code "finetune": {}}. */
    public static final FinetuneSpec DEFAULTS = new FinetuneSpec(200, 1e-3, 1.0, 64, 20, 0.2, TransferSpec.DEFAULTS,
            OutputLoss.CROSS_ENTROPY);

    /**
     * The output term that fine-tuning descends. Either way the loss that chooses the epoch to keep,
     * and every loss reported, is {@code io + λ · structural} with io the squared differences of
     * the io-unfaithfulness metric.
     */
    public enum OutputLoss {
        /** The io-unfaithfulness itself: the squared differences of the outputs. */
        SQUARED,
        /**
         * The cross-entropy of the compressed network's outputs against the original's (a softmax
         * output: one distribution per row; sigmoid outputs: one Bernoulli each). Its gradient in a
         * pre-activation is the plain difference of the outputs, which does not vanish where the
         * output saturates on the wrong class, as the squared difference's does. Other output
         * activations have no cross-entropy and take the squared differences.
         */
        CROSS_ENTROPY;

        /** The spec value: {@code squared} or {@code cross-entropy}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Every spec value, in declaration order. */
        public static List<String> jsonNames() {
            return Arrays.stream(values()).map(OutputLoss::jsonName).toList();
        }

        /** The output loss a spec names. */
        public static OutputLoss fromJsonName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public FinetuneSpec {
        Objects.requireNonNull(outputLoss, "outputLoss");
        if (epochs < 1 || batchSize < 1 || patience < 1) {
            throw new IllegalArgumentException("epochs, batchSize and patience must be ≥ 1, got " + epochs + ", "
                    + batchSize + ", " + patience);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(structuralWeight >= 0) || !Double.isFinite(structuralWeight)) {
            throw new IllegalArgumentException("structuralWeight must be ≥ 0, got " + structuralWeight);
        }
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("validation must be in (0, 1), got " + validation);
        }
    }

    /** Settings without transfer rows, with the default output loss. */
    public FinetuneSpec(int epochs, double learningRate, double structuralWeight, int batchSize, int patience,
                        double validation) {
        this(epochs, learningRate, structuralWeight, batchSize, patience, validation, null, DEFAULTS.outputLoss);
    }

    /** The same settings with other transfer rows ({@code null}: none). */
    public FinetuneSpec withTransfer(TransferSpec rows) {
        return new FinetuneSpec(epochs, learningRate, structuralWeight, batchSize, patience, validation, rows, outputLoss);
    }

    /** The same settings with another structural weight. */
    public FinetuneSpec withStructuralWeight(double weight) {
        return new FinetuneSpec(epochs, learningRate, weight, batchSize, patience, validation, transfer, outputLoss);
    }

    /** The same settings with another output loss. */
    public FinetuneSpec withOutputLoss(OutputLoss loss) {
        return new FinetuneSpec(epochs, learningRate, structuralWeight, batchSize, patience, validation, transfer, loss);
    }
}
