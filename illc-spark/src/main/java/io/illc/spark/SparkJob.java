package io.illc.spark;

import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.run.Progress;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.PipelineSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * The job jar's entry point: {@code spark-submit --class io.illc.spark.SparkJob
 * illc-spark-VERSION-job.jar SPEC.json [--out DIR] [--force]} runs the spec on the Spark engine, with
 * the master and settings spark-submit gives (the spec's {@code execution.spark.conf} is added), and
 * writes the results from the driver into the output folder, all or nothing. Plugins: those in the
 * job jar and any other jar on the class path (spark-submit {@code --jars}).
 */
public final class SparkJob {
    private SparkJob() {
    }

    /**
     * @throws InputException for bad input (after printing its one line on stderr), which fails the job
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            throw new InputException("usage: spark-submit --class " + SparkJob.class.getName()
                    + " illc-spark-VERSION-job.jar SPEC.json [--out DIR] [--force]");
        }
        Path spec = Path.of(args[0]);
        Path out = null;
        boolean force = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--force")) {
                force = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]).toAbsolutePath();
            } else {
                throw new InputException("unknown argument '" + args[i] + "'; allowed: --out DIR, --force");
            }
        }
        Illc illc = Illc.withPlugins(List.of());
        try {
            PipelineSpec parsed = illc.parse(spec);
            PipelineSpec placed = out == null ? parsed : parsed.withOutput(out);
            ExecutionSpec execution = placed.execution();
            ExecutionSpec.Spark spark = execution.spark() == null ? ExecutionSpec.Spark.DEFAULT : execution.spark();
            illc.run(placed.withExecution(execution.withEngine(ExecutionSpec.SPARK, spark)), force,
                    new Progress() {
                        @Override
                        public void stage(String message) {
                            System.err.println("illc: " + message);
                        }
                    });
            System.err.println("illc: wrote " + placed.output());
        } catch (InputException e) {
            System.err.println("illc: " + e.getMessage());
            throw e;
        }
    }
}
