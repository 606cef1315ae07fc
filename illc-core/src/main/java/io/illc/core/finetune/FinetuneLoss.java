package io.illc.core.finetune;

/**
 * The two terms of the fine-tuning loss over a set of rows, each a mean:
 * <ul>
 *   <li>{@code io = (1/N) Σ_x Σ_o (O^μ_x(o) − O^M_x(o))²}, the input–output unfaithfulness
 *       (Definition 6, the {@code io-unfaithfulness} metric with row weights 1/N);</li>
 *   <li>{@code structural = (1/d) Σ_{l=1..d} (1/(N K_l)) Σ_x Σ_{C∈P_l} (O^μ_x(C) − mean_{j∈C} O^M_x(j))²}:
 *       per hidden layer the mean squared difference between each cluster-neuron and the mean of
 *       its members in the original network, averaged over the hidden layers.</li>
 * </ul>
 * Fine-tuning keeps the epoch with the lowest {@code io + λ · structural} on its validation rows; it
 * descends that loss, or by default the same with the cross-entropy in place of io
 * ({@link io.illc.core.spec.FinetuneSpec.OutputLoss}).
 *
 * @param io         ≥ 0
 * @param structural ≥ 0
 */
public record FinetuneLoss(double io, double structural) {
    /** {@code io + structuralWeight · structural}. */
    public double total(double structuralWeight) {
        return io + structuralWeight * structural;
    }
}
