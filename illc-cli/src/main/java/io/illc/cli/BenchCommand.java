package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.run.Processor;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.experiments.bench.CompressionBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code illc bench}: times compression plus every global metric on a deep, wide ReLU MLP over the
 * 569 breast-cancer rows and prints a table. Speed is measured here, never asserted in tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Time compression plus every global metric on a random ReLU MLP over the 569"
                + " breast-cancer rows (JVM start and model building excluded) and print a table.")
final class BenchCommand extends Subcommand {
    @Option(names = "--layers", paramLabel = "N", defaultValue = "20",
            description = "Hidden layers (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--width", paramLabel = "N", defaultValue = "500",
            description = "Neurons per hidden layer (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--shrink", paramLabel = "S", defaultValue = "0.8",
            description = "Share of each layer removed (default ${DEFAULT-VALUE}).")
    double shrink;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
            description = "Measured runs per row, after two warm-ups (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads for the forward pass and each layer's products and Gram matrix; the metrics run on one"
                    + " (default ${DEFAULT-VALUE}). The results are the same for any count; the table shows the CPU time"
                    + " of every thread too.")
    int threads;

    @Option(names = "--method", split = ",", paramLabel = "METHOD", defaultValue = "illc,global",
            description = "Methods (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--clustering", split = ",", paramLabel = "NAME", defaultValue = "agglomerative,kmeans",
            description = "Clustering plugins, with their default parameters (default ${DEFAULT-VALUE}).")
    List<String> clusterings;

    BenchCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        atLeastOne("--layers", layers, problems);
        atLeastOne("--width", width, problems);
        atLeastOne("--repetitions", repetitions, problems);
        atLeastOne("--threads", threads, problems);
        if (!(shrink >= 0 && shrink < 1)) {
            problems.add("--shrink: " + shrink + "; must be in [0, 1) (0 keeps every neuron)");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        List<Method> parsed = methods.stream().map(BenchCommand::method).toList();
        var progress = progress();
        var rows = service(CompressionBenchmark.class).run(parsed, clusterings, layers, width, shrink,
                repetitions, threads, progress::stage);
        out().print(CompressionBenchmark.table(rows));
        // OpenBLAS's kernels decide much of the time (docs/benchmarks.md): the table says which ran.
        out().println("processor: " + Processor.kernels());
        out().flush();
        return Failures.OK;
    }

    private static void atLeastOne(String option, int value, List<String> problems) {
        if (value < 1) {
            problems.add(option + ": " + value + "; must be at least 1");
        }
    }

    private static Method method(String name) {
        try {
            return Method.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--method: unknown method '" + name + "'; allowed: illc, global");
        }
    }
}
