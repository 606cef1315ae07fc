package io.illc.core.compress;

import io.illc.api.Activation;
import io.illc.api.AggregationFunction;
import io.illc.api.Matrix;
import io.illc.api.MetricResult;
import io.illc.api.Mlp;
import io.illc.core.finetune.SmallProblem;
import io.illc.core.pipeline.EvaluateStage;
import io.illc.core.spec.CompressionSpec.Method;
import io.illc.core.stream.ChunkFold;
import io.illc.core.stream.LocalRowPasses;
import io.illc.core.stream.RowPasses;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What an engine for many machines does with the folds of a streamed compression and of the metrics:
 * it serializes them, with everything they capture, and the accumulators too. An engine that does
 * that on every pass must give the single-machine results.
 */
class ShippedFoldsTest {

    @Test
    void theStreamedCompressionAndMetricsSurviveSerializationOfEveryFoldAndAccumulator() {
        Mlp original = SmallProblem.network(4, 6, new int[]{10, 8}, Activation.RELU, 3, Activation.SOFTMAX);
        Random random = new Random(4);
        double[] x = new double[(LocalRowPasses.CHUNK_ROWS + 300) * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        Matrix rows = Matrix.ofRowMajor(x.length / 6, 6, x);
        for (AggregationFunction aggregation : List.of(GoldenCompressionTest.average(), StreamedCompressionTest.refit())) {
            StreamedCompressionRequest request = new StreamedCompressionRequest(original, Method.ILLC, new int[]{4, 3},
                    GoldenCompressionTest.ward(), aggregation, 1);
            CompressionResult local = new Compressor().compress(request, LocalRowPasses.of(rows, 2));
            CompressionResult shipped = new Compressor().compress(request, new Shipping(LocalRowPasses.of(rows, 2)));
            assertEquals(local.partitions(), shipped.partitions());
            assertEquals(local.compressed(), shipped.compressed());

            List<EvaluateStage.LabelledMetric> metrics = StreamedMetricsTest.globalMetrics();
            Map<String, MetricResult> a = new EvaluateStage().evaluate(original, local, LocalRowPasses.of(rows, 2), metrics);
            Map<String, MetricResult> b = new EvaluateStage().evaluate(original, local, new Shipping(LocalRowPasses.of(rows, 2)),
                    metrics);
            a.forEach((name, result) -> assertEquals(result.value(), b.get(name).value(), name));
        }
    }

    @Test
    void activationsStayTheirConstantsAfterSerialization() {
        for (Activation a : Activation.defaults()) {
            assertSame(a, roundTrip(a));
        }
        assertEquals(Activation.of(Activation.Kind.LEAKY_RELU, 0.2), roundTrip(Activation.of(Activation.Kind.LEAKY_RELU, 0.2)));
    }

    /** Passes whose zero, fold, combine and every folded accumulator go through Java serialization first. */
    private record Shipping(RowPasses inner) implements RowPasses {
        @Override
        public long count() {
            return inner.count();
        }

        @Override
        public int features() {
            return inner.features();
        }

        @Override
        public <A> A aggregate(Zero<A> zero, ChunkFold<A> fold, Combine<A> combine) {
            Zero<A> z = roundTrip(zero);
            ChunkFold<A> f = roundTrip(fold);
            Combine<A> c = roundTrip(combine);
            return inner.aggregate(z, (acc, chunk) -> roundTrip(f.fold(acc, chunk)), c);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
