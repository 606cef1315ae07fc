/**
 * The stages every run is made of, each a small stateless class with explicit inputs and an
 * immutable result: {@link io.illc.core.pipeline.DataStage data} → {@link io.illc.core.pipeline.ModelStage model}
 * → {@link io.illc.core.pipeline.SplitStage split} → {@link io.illc.core.pipeline.CompressStage compress}
 * → {@link io.illc.core.pipeline.FinetuneStage fine-tune} → {@link io.illc.core.pipeline.EvaluateStage evaluate}
 * → {@link io.illc.core.pipeline.LocalStage explain locally}. A pipeline run
 * ({@code io.illc.core.run.PipelineRunner}) and every experiment cell drive the same stage objects;
 * they differ only in which results they share. Stages throw {@link io.illc.core.SettingException}
 * for a bad setting, named as the engines know it; the caller knows where the setting came from.
 */
package io.illc.core.pipeline;
