package io.illc.core.pipeline;

import io.illc.api.Mlp;
import io.illc.core.compress.CompressionResult;
import io.illc.core.finetune.FinetuneResult;
import io.illc.core.finetune.Finetuner;
import io.illc.core.spec.FinetuneSpec;
import io.illc.core.stream.ChunkSource;

/**
 * The fine-tune stage: gradient steps on the compressed network's weights over the fitting rows, its
 * partition fixed. Stateless and thread-safe.
 */
public final class FinetuneStage {
    /** The fine-tuned compression and how the fine-tuning went. */
    public record Tuned(CompressionResult compression, FinetuneResult finetune) {
    }

    /**
     * @param original the network that was compressed (it labels transfer rows)
     * @throws io.illc.core.SettingException when the fitting rows are too few for the validation share
     */
    public Tuned tune(Mlp original, CompressionResult compression, FittingRows rows, FinetuneSpec spec, long seed) {
        FinetuneResult tuned = Finetuner.tune(original, compression.compressed(), compression.partitions(), rows.fit(),
                compression.originalActivations(), spec, seed);
        return tuned(compression, tuned);
    }

    /**
     * As {@link #tune(Mlp, CompressionResult, FittingRows, FinetuneSpec, long)} on streamed rows: the
     * same network as on the same rows held.
     *
     * @param rows the fitting rows in the original network's input order
     */
    public Tuned tune(Mlp original, CompressionResult compression, ChunkSource rows, FinetuneSpec spec, long seed) {
        FinetuneResult tuned = Finetuner.tune(original, compression.compressed(), compression.partitions(), rows, spec, seed);
        return tuned(compression, tuned);
    }

    /** The compression with the fine-tuned network in place of its own, and how the fine-tuning went. */
    private static Tuned tuned(CompressionResult compression, FinetuneResult tuned) {
        return new Tuned(new CompressionResult(tuned.network(), compression.partitions(),
                compression.originalActivations(), compression.timings()), tuned);
    }
}
