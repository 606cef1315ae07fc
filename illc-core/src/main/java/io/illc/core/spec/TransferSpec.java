package io.illc.core.spec;

/**
 * Synthetic rows that fine-tuning trains on besides the fitting rows, labelled by the original
 * network ({@code "finetune": {"transfer": {...}}}); see {@code docs/refit.md}. Each synthetic row
 * starts from a seeded random training row, is mixed with a second one when {@code mixup} &gt; 0 and
 * gets Gaussian noise when {@code noise} &gt; 0.
 *
 * @param noise   σ ≥ 0 of the Gaussian noise added to every feature, in units of that feature's
 *                standard deviation over the fitting rows (0: none)
 * @param mixup   α ≥ 0 of the Beta(α, α) mixing weight between two training rows (0: no mixing)
 * @param samples the number of synthetic rows, ≥ 1
 */
public record TransferSpec(double noise, double mixup, int samples) {
    /**
     * The defaults of {@code "transfer": {}}: on the paper grid's held-out rows they gave fine-tuning
     * (with the squared output loss then the default) 0.13 × (k-means) and 0.15 × (Ward) of SpArX's
     * io-unfaithfulness against 0.22 × and 0.19 × for 2000 rows of mixup 1, at about 2.5 × the
     * fine-tuning time; with the cross-entropy now the default, 0.14 × and 0.11 × (docs/refit.md).
     */
    public static final TransferSpec DEFAULTS = new TransferSpec(0.3, 0.4, 5000);

    public TransferSpec {
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be ≥ 0, got " + noise);
        }
        if (!(mixup >= 0) || !Double.isFinite(mixup)) {
            throw new IllegalArgumentException("mixup must be ≥ 0, got " + mixup);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be ≥ 1, got " + samples);
        }
    }
}
