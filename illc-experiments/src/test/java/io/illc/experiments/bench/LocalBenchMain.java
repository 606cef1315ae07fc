package io.illc.experiments.bench;

import com.google.inject.Guice;
import io.illc.core.IllcModule;
import io.illc.core.spec.CompressionSpec.Method;

import java.util.List;

/**
 * Runs the local-explanation benchmark from the test class path: arguments
 * {@code [widthFactor] [rows] [repetitions] [layers] [width]}, defaults 0.1 (the kernel of Definition 10),
 * all rows, 3 runs, 20 × 500; progress on stderr.
 */
final class LocalBenchMain {
    public static void main(String[] args) {
        double factor = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int layers = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        var table = Guice.createInjector(new IllcModule(List.of())).getInstance(LocalBenchmark.class).run(List.of(Method.GLOBAL, Method.ILLC),
                List.of(factor), layers, width, 0.8, rows, repetitions, System.err::println);
        System.out.print(LocalBenchmark.table(table));
    }
}
