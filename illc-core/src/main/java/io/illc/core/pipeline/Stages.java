package io.illc.core.pipeline;

import jakarta.inject.Inject;

/**
 * Every stage of a run, injected once: what a driver of the pipeline (a pipeline run, an experiment
 * cell) takes to run the stages in its own order. Immutable and thread-safe, as the stages are.
 */
public final class Stages {
    private final DataStage data;
    private final ModelStage model;
    private final SplitStage split;
    private final CompressStage compress;
    private final FinetuneStage finetune;
    private final EvaluateStage evaluate;
    private final LocalStage local;

    @Inject
    public Stages(DataStage data, ModelStage model, SplitStage split, CompressStage compress, FinetuneStage finetune,
                  EvaluateStage evaluate, LocalStage local) {
        this.data = data;
        this.model = model;
        this.split = split;
        this.compress = compress;
        this.finetune = finetune;
        this.evaluate = evaluate;
        this.local = local;
    }

    public DataStage data() {
        return data;
    }

    public ModelStage model() {
        return model;
    }

    public SplitStage split() {
        return split;
    }

    public CompressStage compress() {
        return compress;
    }

    public FinetuneStage finetune() {
        return finetune;
    }

    public EvaluateStage evaluate() {
        return evaluate;
    }

    public LocalStage local() {
        return local;
    }
}
