package io.illc.experiments.bench;

import com.google.inject.Guice;
import io.illc.core.IllcModule;
import io.illc.core.spec.CompressionSpec.Method;

import java.util.List;

/** Runs the benchmark from the test class path during development (the CLI has `illc bench`). */
final class BenchMain {
    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        var rows = Guice.createInjector(new IllcModule(List.of())).getInstance(CompressionBenchmark.class)
                .run(List.of(Method.ILLC, Method.GLOBAL), List.of("agglomerative", "kmeans"), layers, width, 0.8, 5, 1, s -> { });
        System.out.print(CompressionBenchmark.table(rows));
    }
}
