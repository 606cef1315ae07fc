package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.catalog.Suggestions;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.PipelineSpec;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --engine local|spark [--master URL]}: where the run computes; results are the same on both. */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "local (this machine) or spark (default: the spec's execution.engine, else local)."
                    + " Results are the same on both.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master with --engine spark: local[*], spark://host:7077, yarn, k8s://..."
                    + " (default: the spec's execution.spark.master, else local[*]).")
    String master;

    /** Whether --engine or --master was given. */
    boolean given() {
        return engine != null || master != null;
    }

    /** The spec on the engine the options name; unchanged without them. */
    PipelineSpec apply(PipelineSpec spec) {
        if (engine != null && !engine.equals(ExecutionSpec.LOCAL) && !engine.equals(ExecutionSpec.SPARK)) {
            throw new InputException("--engine: unknown engine '" + engine + "'; allowed: local, spark"
                    + Suggestions.didYouMean(engine, List.of(ExecutionSpec.LOCAL, ExecutionSpec.SPARK)));
        }
        ExecutionSpec current = spec.execution();
        String name = engine == null ? current.engine() : engine;
        if (master != null && !name.equals(ExecutionSpec.SPARK)) {
            throw new InputException("--master needs --engine spark (or \"engine\": \"spark\" in the spec)");
        }
        if (engine == null && master == null) {
            return spec;
        }
        ExecutionSpec.Spark spark = null;
        if (name.equals(ExecutionSpec.SPARK)) {
            ExecutionSpec.Spark given = current.spark() == null ? ExecutionSpec.Spark.DEFAULT : current.spark();
            spark = master == null ? given : new ExecutionSpec.Spark(master, given.conf());
        }
        return spec.withExecution(current.withEngine(name, spark));
    }
}
