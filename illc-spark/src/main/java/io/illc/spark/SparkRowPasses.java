package io.illc.spark;

import io.illc.core.stream.ChunkFold;
import io.illc.core.stream.RowChunk;
import io.illc.core.stream.RowPasses;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link RowPasses} over a Spark data set: each pass folds every partition's blocks, in row order,
 * into one accumulator per partition on the executors, then combines the accumulators in a tree of
 * fixed shape and order: groups of about √P consecutive partitions on the executors, the groups on
 * the driver, each time the earlier rows on the left. So a pass over the same partitions gives the
 * same bits every time; against the single-machine engine (other chunk boundaries) sums agree to
 * rounding. Only the accumulators travel; the rows stay where they are persisted.
 */
public final class SparkRowPasses implements RowPasses {
    private final JavaRDD<Block> blocks;
    private final long[] offsets;
    private final int sourceFeatures;
    private final int[] columns;
    private final long rows;

    /**
     * @param offsets        the first row number of each partition
     * @param sourceFeatures the number of feature values in a block's row
     * @param columns        the block column of each feature of the chunks the folds see
     */
    SparkRowPasses(JavaRDD<Block> blocks, long[] offsets, int sourceFeatures, int[] columns, long rows) {
        for (int c : columns) {
            if (c < 0 || c >= sourceFeatures) {
                throw new IllegalArgumentException("column " + c + " of " + sourceFeatures);
            }
        }
        this.blocks = blocks;
        this.offsets = offsets;
        this.sourceFeatures = sourceFeatures;
        this.columns = columns.clone();
        this.rows = rows;
    }

    @Override
    public long count() {
        return rows;
    }

    @Override
    public int features() {
        return columns.length;
    }

    /** The number of partitions a pass folds. */
    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public <A> A aggregate(Zero<A> zero, ChunkFold<A> fold, Combine<A> combine) {
        long[] offs = offsets;
        int m = sourceFeatures;
        int[] cols = columns;
        JavaRDD<Tuple2<Integer, A>> partials = blocks.mapPartitionsWithIndex((p, it) -> {
            A acc = zero.get();
            while (it.hasNext()) {
                acc = fold.fold(acc, chunk(it.next(), offs, m, cols));
            }
            return List.of(new Tuple2<>(p, acc)).iterator();
        }, true);
        int partitions = blocks.getNumPartitions();
        int fan = Math.max(2, (int) Math.ceil(Math.sqrt(partitions)));
        List<Tuple2<Integer, A>> level;
        if (partitions <= fan) {
            level = partials.collect();
        } else {
            level = partials.mapToPair(t -> new Tuple2<>(t._1() / fan, t))
                    .groupByKey((partitions + fan - 1) / fan)
                    .map(group -> new Tuple2<>(group._1(), inOrder(group._2(), zero, combine)))
                    .collect();
        }
        return inOrder(level, zero, combine);
    }

    /** Combines accumulators by their position, the earliest first. */
    private static <A> A inOrder(Iterable<Tuple2<Integer, A>> parts, Zero<A> zero, Combine<A> combine) {
        List<Tuple2<Integer, A>> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        A acc = null;
        for (Tuple2<Integer, A> t : sorted) {
            acc = acc == null ? t._2() : combine.apply(acc, t._2());
        }
        return acc == null ? zero.get() : acc;
    }

    /** A block as a chunk: global row numbers, the features in the passes' order. */
    private static RowChunk chunk(Block b, long[] offsets, int m, int[] columns) {
        boolean identity = columns.length == m;
        for (int j = 0; identity && j < m; j++) {
            identity = columns[j] == j;
        }
        double[] values = b.values();
        if (!identity) {
            values = new double[b.rows() * columns.length];
            for (int r = 0; r < b.rows(); r++) {
                for (int j = 0; j < columns.length; j++) {
                    values[r * columns.length + j] = b.values()[r * m + columns[j]];
                }
            }
        }
        return new RowChunk(offsets[b.partition()] + b.firstRow(), b.rows(), columns.length, values);
    }
}
