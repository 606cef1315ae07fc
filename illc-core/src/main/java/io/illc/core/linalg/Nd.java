package io.illc.core.linalg;

import io.illc.api.Activation;
import io.illc.api.DenseLayer;
import io.illc.api.Matrix;
import io.illc.api.Vector;
import io.illc.core.Workers;
import io.illc.core.stream.LocalRowPasses;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The batched linear algebra of the engines, in float64: forward passes over all rows and Gram
 * matrices. Everything per neuron stays in plain Java; only products of whole matrices come here.
 *
 * <p>Two flavours. The {@code double[]} methods (row-major arrays, shapes passed explicitly) are
 * what the compressor and the local explainer run on: they call OpenBLAS — the BLAS that ND4J
 * itself calls — directly on Java arrays. On the 569 × 500 matrices of a 20 × 500 network that is
 * about 1.4× faster per product than going through an ND4J op, and on the few-row problems of local
 * explanations 3×, because an ND4J op allocates native buffers, converts orders and copies its
 * result out again (a {@link Matrix} copies in and out as well, so every conversion costs a full
 * copy). They also let the Gram matrix use {@code dsyrk}, half the arithmetic of a general product,
 * whose triangle is bit for bit what the general product computes. The {@link INDArray} methods
 * serve callers that keep working in ND4J.
 */
public final class Nd {
    // The BLAS-only build of OpenBLAS: the full one would load a second, larger library (LAPACK) too.
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;
    private static final int UPPER = openblas_nolapack.CblasUpper;
    /** The side of the tiles a Gram matrix is mirrored in: 64 doubles are 8 cache lines. */
    private static final int TILE = 64;
    /**
     * Output neurons per product in a forward pass: a layer's product is computed in blocks of this
     * many output neurons, one {@code dgemm} each, which threads share out. Fixed, so that how a
     * value is summed never depends on the thread count. (Each block packs X again: on one thread
     * 5–15 % more work than one product, which the native buffers more than repay.)
     */
    static final int NEURON_BLOCK = 128;
    /**
     * Columns per tile of a Gram matrix: its upper triangle is computed tile by tile ({@code dsyrk}
     * on the diagonal, {@code dgemm} above it), which threads share out. Fixed, for the same reason;
     * a matrix of at most this many columns is one {@code dsyrk}.
     */
    static final int GRAM_TILE = 128;

    /** Whether {@link #loadInBackground} has started its thread: one is enough. */
    private static final AtomicBoolean LOAD_STARTED = new AtomicBoolean();

    private Nd() {
    }

    /**
     * Starts loading OpenBLAS on a thread of its own (about 0.1 s), so that a run's first product
     * need not wait for all of it; the first product waits for the rest (the JVM initialises a class
     * once). Once per JVM: a later call does nothing.
     */
    public static void loadInBackground() {
        if (!LOAD_STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread load = new Thread(() -> {
            try {
                initialise(OneThreadBlas.class);
            } catch (IllegalStateException | LinkageError e) {
                // the first product then reports it, on the thread that needs it
            }
        }, "illc-blas-load");
        load.setDaemon(true);
        load.start();
    }

    /** A native copy of {@code values}, for the products that run in native memory; the caller closes it. */
    public static DoublePointer nativeCopy(double[] values) {
        blasLoaded();
        return new DoublePointer(values);
    }

    /** Native memory for {@code size} doubles, not zeroed; the caller closes it. */
    public static DoublePointer nativeArray(long size) {
        blasLoaded();
        return new DoublePointer(size);
    }

    /**
     * Initialises OpenBLAS on this thread, or waits for {@link #loadInBackground}'s thread to
     * finish it, before a JavaCPP pointer is made (a thread that initialises JavaCPP's {@code Pointer}
     * while another is inside its {@code Loader}, loading OpenBLAS, deadlocks with it) and before
     * any product: every product runs after it, so on one OpenBLAS thread ({@link OneThreadBlas}).
     */
    private static void blasLoaded() {
        initialise(OneThreadBlas.class);
    }

    /** Runs {@code type}'s static initialiser on this thread, or waits for the thread running it. */
    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, Nd.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("OpenBLAS's bindings are not on the class path", e);
        }
    }

    /**
     * OpenBLAS, loaded and told to compute each product on the thread that calls it. The run's
     * threads share the products out themselves (blocks of neurons, tiles, blocks of rows); OpenBLAS
     * would otherwise start its own threads per product as OPENBLAS_NUM_THREADS or OMP_NUM_THREADS
     * say: on two vCPUs with OMP_NUM_THREADS=2 the 104 MB run took 3.1 s instead of 2.5, and its
     * metrics and feature summaries changed in their last bits, as its threads sum in other orders.
     */
    private static final class OneThreadBlas {
        static {
            initialise(openblas_nolapack.class);
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
        }

        private OneThreadBlas() {
        }
    }

    /** A 'c'-ordered float64 copy of {@code m}. */
    public static INDArray toNd(Matrix m) {
        return Nd4j.create(m.toRowMajor(), new long[]{m.rows(), m.cols()}, 'c');
    }

    /** A float64 row vector {@code [1, size]}. */
    public static INDArray toNd(Vector v) {
        return Nd4j.create(v.toArray(), new long[]{1, v.size()}, 'c');
    }

    /** A copy of a 2-d array as a {@link Matrix}. */
    public static Matrix toMatrix(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got rank " + a.rank());
        }
        INDArray c = a.dataType() == DataType.DOUBLE && a.ordering() == 'c' && !a.isView() ? a : a.castTo(DataType.DOUBLE).dup('c');
        return Matrix.ofRowMajor((int) a.rows(), (int) a.columns(), c.data().asDouble());
    }

    /** φ(X · Wᵀ + b) for all rows of {@code input} ({@code [N, in]} → {@code [N, out]}); returns a new array. */
    public static INDArray forward(INDArray input, DenseLayer layer) {
        INDArray z = input.mmul(toNd(layer.weights()).transpose());
        z.addiRowVector(toNd(layer.bias()));
        return activate(z, layer.activation());
    }

    /** Applies φ in place and returns {@code z}. */
    public static INDArray activate(INDArray z, Activation activation) {
        return switch (activation.kind()) {
            case RELU -> Transforms.relu(z, false);
            case SIGMOID -> Transforms.sigmoid(z, false);
            case TANH -> Transforms.tanh(z, false);
            case LINEAR -> z;
            case SOFTMAX -> Transforms.softmax(z, false);
            default -> {
                // The newer activations are applied in Java, exactly as Activation.apply defines them.
                INDArray c = z.dataType() == DataType.DOUBLE && z.ordering() == 'c' && !z.isView() ? z : z.castTo(DataType.DOUBLE).dup('c');
                double[] v = c.data().asDouble();
                for (int i = 0; i < v.length; i++) {
                    v[i] = activation.apply(v[i]);
                }
                z.assign(Nd4j.create(v, z.shape(), 'c').castTo(z.dataType()));
                yield z;
            }
        };
    }

    /**
     * The Gram matrix of the columns of {@code points} after subtracting their mean column:
     * {@code [n, n]} from {@code [N, n]}. Distances between columns are unchanged by the centring,
     * and the entries stay small, so distances derived from them lose little precision.
     */
    public static Matrix centredGram(INDArray points) {
        INDArray c = points.dataType() == DataType.DOUBLE && points.ordering() == 'c' && !points.isView()
                ? points : points.castTo(DataType.DOUBLE).dup('c');
        int rows = (int) points.rows();
        int cols = (int) points.columns();
        return Matrix.ofRowMajor(cols, cols, centredGram(c.data().asDouble(), rows, cols));
    }

    /** The forward pass of every layer: index l-1 holds layer l's outputs {@code [N, n_l]}. */
    public static List<INDArray> forwardAll(INDArray input, List<DenseLayer> layers) {
        List<INDArray> out = new ArrayList<>(layers.size());
        INDArray x = input;
        for (DenseLayer layer : layers) {
            x = forward(x, layer);
            out.add(x);
        }
        return out;
    }

    /** The forward pass of every layer over the rows of {@code input}: index l-1 holds layer l's outputs {@code [N, n_l]}. */
    public static List<Matrix> forwardAll(Matrix input, List<DenseLayer> layers) {
        return forwardAll(input, layers, 1);
    }

    /**
     * {@link #forwardAll(Matrix, List)} with each layer's blocks of {@link #NEURON_BLOCK} output
     * neurons computed on up to {@code threads} threads: the same bits for any thread count.
     */
    public static List<Matrix> forwardAll(Matrix input, List<DenseLayer> layers, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int widest = layers.stream().mapToInt(DenseLayer::outputs).max().orElse(0);
        int blocks = (widest + NEURON_BLOCK - 1) / NEURON_BLOCK;
        ExecutorService pool = pool(Math.min(threads, blocks), "illc-forward");
        int rows = input.rows();
        int widestInOrOut = Math.max(widest, input.cols());
        boolean held = rows <= LocalRowPasses.CHUNK_ROWS && rows > 0 && widestInOrOut > 0;
        try (Held buffers = held ? new Held((long) rows * widestInOrOut) : null) {
            List<Matrix> out = new ArrayList<>(layers.size());
            // The first layer reads the input where it is: a copy of a large table costs more than its product.
            double[] x = buffers != null ? input.toRowMajor() : null;
            if (buffers != null) {
                buffers.input.put(x);
            }
            for (DenseLayer layer : layers) {
                if (x == null) {
                    x = forward(input, layer, pool);
                } else {
                    checkInput(x, rows, layer); // the native buffers hold only what fits the widest layer
                    x = buffers != null ? forwardBlock(x, rows, layer, pool, buffers) : forward(x, rows, layer, pool);
                }
                out.add(Matrix.wrap(rows, layer.outputs(), x)); // x is only read from here on
            }
            return out;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Daemon threads named {@code name} for the blocks of {@link #forward(double[], int, DenseLayer, ExecutorService)}
     * and the tiles of {@link #centredGramInBlocks(double[], int, int, ExecutorService)}, or null for
     * fewer than two: the caller shuts them down.
     */
    public static ExecutorService pool(int threads, String name) {
        return threads < 2 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * φ(X · Wᵀ + b), row-major, computed block by block of {@link LocalRowPasses#CHUNK_ROWS} rows:
     * how BLAS sums a product may depend on the shape it is given, so a fixed block makes every
     * row's outputs the same whether the rows are held in memory or streamed in chunks.
     *
     * @param input {@code [rows, layer.inputs()]}, row-major; not changed
     * @return a new {@code [rows, layer.outputs()]} row-major array
     */
    public static double[] forward(double[] input, int rows, DenseLayer layer) {
        return forward(input, rows, layer, null);
    }

    /**
     * {@link #forward(double[], int, DenseLayer)} with the blocks of {@link #NEURON_BLOCK} neurons on
     * {@code pool}, or here when null: the same bits either way.
     */
    public static double[] forward(double[] input, int rows, DenseLayer layer, ExecutorService pool) {
        checkInput(input, rows, layer);
        if (rows <= LocalRowPasses.CHUNK_ROWS) {
            return forwardBlock(input, rows, layer, pool, null);
        }
        return forwardInChunks(DoubleBuffer.wrap(input), rows, layer, pool);
    }

    /**
     * {@link #forward(double[], int, DenseLayer, ExecutorService)} of the rows of {@code input}, read
     * from it chunk by chunk: a large table is not copied whole (on a VM a fresh 240 MB array costs
     * more than half a second of page faults).
     */
    public static double[] forward(Matrix input, DenseLayer layer, ExecutorService pool) {
        if (input.cols() != layer.inputs()) {
            throw new IllegalArgumentException("input has " + input.cols() + " columns, the layer " + layer.inputs()
                    + " inputs");
        }
        if (input.rows() <= LocalRowPasses.CHUNK_ROWS) {
            return forwardBlock(input.toRowMajor(), input.rows(), layer, pool, null);
        }
        return forwardInChunks(input.readOnlyValues(), input.rows(), layer, pool);
    }

    /** The forward pass of more than one chunk of rows, each chunk's outputs put in place. */
    private static double[] forwardInChunks(DoubleBuffer input, int rows, DenseLayer layer, ExecutorService pool) {
        int in = layer.inputs();
        int out = layer.outputs();
        double[] z = new double[rows * out];
        double[] chunk = new double[LocalRowPasses.CHUNK_ROWS * in]; // only read by forwardBlock: reused
        for (int from = 0; from < rows; from += LocalRowPasses.CHUNK_ROWS) {
            int n = Math.min(LocalRowPasses.CHUNK_ROWS, rows - from);
            if (n < LocalRowPasses.CHUNK_ROWS) {
                chunk = new double[n * in];
            }
            input.get(from * in, chunk, 0, n * in);
            double[] block = forwardBlock(chunk, n, layer, pool, null);
            System.arraycopy(block, 0, z, from * out, block.length);
        }
        return z;
    }

    /**
     * A · B for row-major {@code a} {@code [rows, inner]} and {@code b} {@code [inner, cols]}, or A · Bᵀ
     * with {@code transposeB} ({@code b} then {@code [cols, inner]}), by BLAS.
     *
     * @return a new {@code [rows, cols]} row-major array
     */
    public static double[] multiply(double[] a, int rows, int inner, double[] b, int cols, boolean transposeB) {
        if (a.length != (long) rows * inner || b.length != (long) inner * cols) {
            throw new IllegalArgumentException("[" + rows + ", " + inner + "] · [" + inner + ", " + cols + "] from "
                    + a.length + " and " + b.length + " values");
        }
        double[] c = new double[rows * cols];
        if (rows > 0 && cols > 0 && inner > 0) {
            blasLoaded();
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, transposeB ? TRANS : NO_TRANS, rows, cols, inner, 1.0,
                    a, inner, b, transposeB ? inner : cols, 0.0, c, cols);
        }
        return c;
    }

    /**
     * C = A · B for row-major matrices in native memory, {@code a} {@code [rows, inner]}, {@code b}
     * {@code [inner, cols]}, into {@code c} {@code [rows, cols]}: no copies in or out.
     */
    public static void multiply(DoublePointer a, int rows, int inner, DoublePointer b, int cols, DoublePointer c) {
        if (rows > 0 && cols > 0 && inner > 0) {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, cols, inner, 1.0, a, inner, b, cols, 0.0, c, cols);
        }
    }

    private static void checkInput(double[] input, int rows, DenseLayer layer) {
        if (input.length != (long) rows * layer.inputs()) {
            throw new IllegalArgumentException("input has " + input.length + " values, expected [" + rows + ", "
                    + layer.inputs() + "]");
        }
    }

    /**
     * Native memory a forward pass reuses from layer to layer: {@code input} holds the layer's input
     * and {@code product} receives its outputs, which become the next layer's input by a swap.
     */
    private static final class Held implements AutoCloseable {
        DoublePointer input;
        DoublePointer product;

        Held(long size) {
            input = nativeArray(size);
            product = nativeArray(size);
        }

        /** After a layer whose outputs {@code z} are in {@code product} already, or not yet. */
        void next(double[] z, boolean inProduct) {
            if (!inProduct) {
                product.put(z);
            }
            DoublePointer swap = input;
            input = product;
            product = swap;
        }

        @Override
        public void close() {
            input.close();
            product.close();
        }
    }

    /**
     * φ(X · Wᵀ + b) for one chunk of rows. The product is computed in native memory (BLAS called on
     * Java arrays copies each of them in and out, a third of the time of a 500 × 500 layer), one
     * {@code dgemm} per block of {@link #NEURON_BLOCK} output neurons, on {@code pool} when given;
     * each block also copies in its rows of W and adds the bias and applies an element-wise φ to its
     * columns, so that little is left to do one thread at a time.
     *
     * @param held where the input is already and the outputs go, for the next layer; null to use
     *             native memory of this call's own
     */
    private static double[] forwardBlock(double[] input, int rows, DenseLayer layer, ExecutorService pool, Held held) {
        int in = layer.inputs();
        int out = layer.outputs();
        double[] z = new double[rows * out];
        double[] bias = layer.bias().toArray();
        Activation phi = layer.activation();
        boolean inProduct = false;
        if (rows > 0 && out > 0 && in > 0) {
            Matrix weights = layer.weights();
            DoublePointer x = held != null ? held.input : nativeCopy(input);
            DoublePointer product = held != null ? held.product : nativeArray((long) rows * out);
            // The outputs are written back for the next layer when they are final here.
            boolean writeBack = held != null && phi.isElementWise();
            try {
                int blocks = (out + NEURON_BLOCK - 1) / NEURON_BLOCK;
                Runnable[] tasks = new Runnable[blocks];
                for (int b = 0; b < blocks; b++) {
                    int first = b * NEURON_BLOCK;
                    int count = Math.min(NEURON_BLOCK, out - first);
                    tasks[b] = () -> {
                        try (DoublePointer w = nativeArray((long) count * in)) {
                            // Straight from the layer's own array: a view per task, as buffers are not shared.
                            w.asBuffer().put(0, weights.readOnlyValues(), first * in, count * in);
                            // Rows first..first+count-1 of W give columns first.. of Z (row stride out).
                            openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, rows, count, in, 1.0, x, in,
                                    w, in, 0.0, new DoublePointer(product).position(first), out);
                        }
                        DoubleBuffer p = product.asBuffer();
                        for (int r = 0; r < rows; r++) {
                            p.get(r * out + first, z, r * out + first, count);
                        }
                        biasAndActivate(z, rows, out, first, count, bias, phi);
                        if (writeBack) {
                            for (int r = 0; r < rows; r++) {
                                p.put(r * out + first, z, r * out + first, count);
                            }
                        }
                    };
                }
                run(tasks, pool);
                inProduct = writeBack;
            } finally {
                if (held == null) {
                    x.close();
                    product.close();
                }
            }
        } else {
            biasAndActivate(z, rows, out, 0, out, bias, phi);
        }
        double[] outputs = phi.isElementWise() ? z : activate(z, rows, out, phi);
        if (held != null) {
            held.next(outputs, inProduct);
        }
        return outputs;
    }

    /**
     * Adds the bias to columns {@code first..first+count-1} of a row-major {@code [rows, cols]}
     * array, then applies φ to them when it is element-wise (as {@link #activate(double[], int, int, Activation)} does).
     */
    private static void biasAndActivate(double[] z, int rows, int cols, int first, int count, double[] bias, Activation phi) {
        Activation.Kind kind = phi.isElementWise() ? phi.kind() : Activation.Kind.LINEAR;
        for (int r = 0; r < rows; r++) {
            int from = r * cols + first;
            int to = from + count;
            switch (kind) {
                case RELU -> {
                    for (int i = from, j = first; i < to; i++, j++) {
                        double v = z[i] + bias[j];
                        z[i] = v > 0 ? v : 0.0;
                    }
                }
                case LINEAR -> {
                    for (int i = from, j = first; i < to; i++, j++) {
                        z[i] += bias[j];
                    }
                }
                default -> {
                    for (int i = from, j = first; i < to; i++, j++) {
                        z[i] = phi.apply(z[i] + bias[j]);
                    }
                }
            }
        }
    }

    /** Runs every task, on {@code pool} when given (waiting for all), else one after the other here. */
    private static void run(Runnable[] tasks, ExecutorService pool) {
        if (pool == null || tasks.length == 1) {
            for (Runnable task : tasks) {
                task.run();
            }
            return;
        }
        List<Future<?>> running = new ArrayList<>(tasks.length);
        for (Runnable task : tasks) {
            running.add(pool.submit(task));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw Workers.unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a forward pass", e);
        }
    }

    /**
     * Applies φ in place to a row-major {@code [rows, cols]} array and returns it, in plain Java
     * ({@link Activation#apply}, softmax row by row with {@link Activation#applyToRow}): a run on a
     * weights JSON model then never starts ND4J, whose native start-up costs about a second and
     * a few hundred MB. Sigmoid, tanh and softmax may differ from {@link #activate(INDArray, Activation)}
     * in the last bit (Java's exp and tanh against ND4J's).
     */
    private static double[] activate(double[] z, int rows, int cols, Activation activation) {
        switch (activation.kind()) {
            case RELU -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = z[i] > 0 ? z[i] : 0.0;
                }
                return z;
            }
            case LINEAR -> {
                return z;
            }
            case SOFTMAX -> {
                double[] row = new double[cols];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(z, r * cols, row, 0, cols);
                    activation.applyToRow(row);
                    System.arraycopy(row, 0, z, r * cols, cols);
                }
                return z;
            }
            default -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = activation.apply(z[i]);
                }
                return z;
            }
        }
    }

    /**
     * The centred Gram matrix as a sum over blocks of {@link LocalRowPasses#CHUNK_ROWS} rows, each
     * block's {@link #centredGram(double[], int, int)} added in row order to a matrix of zeros:
     * exactly what a streamed pass accumulates chunk by chunk ({@link #addTo}).
     *
     * @param points {@code [rows, cols]} row-major; not changed
     * @return a new {@code [cols, cols]} row-major array, exactly symmetric
     */
    public static double[] centredGramInBlocks(double[] points, int rows, int cols) {
        return centredGramInBlocks(points, rows, cols, null);
    }

    /**
     * {@link #centredGramInBlocks(double[], int, int)} with the tiles of {@link #GRAM_TILE} columns
     * on {@code pool}, or here when null: the same bits either way.
     */
    public static double[] centredGramInBlocks(double[] points, int rows, int cols, ExecutorService pool) {
        if (points.length != (long) rows * cols) {
            throw new IllegalArgumentException("points have " + points.length + " values, expected [" + rows + ", " + cols + "]");
        }
        double[] gram = new double[cols * cols];
        for (int from = 0; from < rows; from += LocalRowPasses.CHUNK_ROWS) {
            int n = Math.min(LocalRowPasses.CHUNK_ROWS, rows - from);
            // Each block's upper triangle is added; the lower one, which would have been added the
            // same values in the same order, is mirrored once at the end.
            upperCentredGram(points, from, n, cols, gram, true, pool);
        }
        mirrorUpper(gram, cols);
        return gram;
    }

    /** {@code sum += part}, element by element; returns {@code sum}. */
    public static double[] addTo(double[] sum, double[] part) {
        if (sum.length != part.length) {
            throw new IllegalArgumentException("cannot add " + part.length + " values to " + sum.length);
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += part[i];
        }
        return sum;
    }

    /**
     * The centred Gram matrix (see {@link #centredGram(INDArray)}), row-major.
     *
     * @param points {@code [rows, cols]} row-major; not changed
     * @return a new {@code [cols, cols]} row-major array, exactly symmetric
     */
    public static double[] centredGram(double[] points, int rows, int cols) {
        if (points.length != (long) rows * cols) {
            throw new IllegalArgumentException("points have " + points.length + " values, expected [" + rows + ", " + cols + "]");
        }
        double[] gram = new double[cols * cols];
        upperCentredGram(points, 0, rows, cols, gram, false, null);
        mirrorUpper(gram, cols);
        return gram;
    }

    /**
     * The upper triangle of the centred Gram matrix of rows {@code from..from+rows-1} of
     * {@code points}, set into (or, with {@code add}, added to) {@code gram}'s: Cᵀ·C tile by tile
     * ({@link #GRAM_TILE}), on {@code pool} when given, in native memory (on Java arrays BLAS would
     * copy C in, and the whole Gram matrix in and out).
     */
    private static void upperCentredGram(double[] points, int from, int rows, int cols, double[] gram, boolean add,
                                         ExecutorService pool) {
        if (rows == 0 || cols == 0) {
            return;
        }
        try (DoublePointer centred = nativeArray((long) rows * cols);
             DoublePointer product = nativeArray((long) cols * cols)) {
            DoubleBuffer c = centred.asBuffer();
            double[] row = new double[cols];
            for (int r = 0; r < rows; r++) {
                centre(points, (from + r) * cols, row);
                c.put(r * cols, row, 0, cols);
            }
            List<Runnable> tiles = new ArrayList<>();
            for (int i0 = 0; i0 < cols; i0 += GRAM_TILE) {
                for (int j0 = i0; j0 < cols; j0 += GRAM_TILE) {
                    tiles.add(gramTile(centred, product, rows, cols, i0, j0));
                }
            }
            run(tiles.toArray(Runnable[]::new), pool);
            DoubleBuffer g = product.asBuffer();
            for (int i = 0; i < cols; i++) {
                int at = i * cols + i;
                if (add) {
                    g.get(at, row, 0, cols - i);
                    addRange(gram, at, row, 0, cols - i);
                } else {
                    g.get(at, gram, at, cols - i);
                }
            }
        }
    }

    // The per-row steps of upperCentredGram, each a method called once per row: the JIT compiles
    // them early and cheaply, where the loops inline in it made a compilation and two on-stack
    // replacements of the whole method in every run.

    /** {@code centred} = the row of {@code points} from {@code offset}, minus its mean. */
    private static void centre(double[] points, int offset, double[] centred) {
        int cols = centred.length;
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            sum += points[offset + j];
        }
        double mean = sum / cols;
        for (int j = 0; j < cols; j++) {
            centred[j] = points[offset + j] - mean;
        }
    }

    /**
     * {@code into[at + j] += values[from + j]} for j below {@code length}, in order: a short loop of
     * its own, which callers that add row after row call once per row, so that it compiles early.
     */
    public static void addRange(double[] into, int at, double[] values, int from, int length) {
        for (int j = 0; j < length; j++) {
            into[at + j] += values[from + j];
        }
    }

    /**
     * Tile ({@code i0}, {@code j0}) of the upper triangle of Cᵀ·C, C {@code [rows, cols]} row-major:
     * the upper triangle of a diagonal tile by {@code dsyrk}, a whole tile above the diagonal by
     * {@code dgemm}. Tiles write disjoint parts of {@code product}.
     */
    private static Runnable gramTile(DoublePointer c, DoublePointer product, int rows, int cols, int i0, int j0) {
        int m = Math.min(GRAM_TILE, cols - i0);
        int n = Math.min(GRAM_TILE, cols - j0);
        return () -> {
            DoublePointer left = new DoublePointer(c).position(i0);
            DoublePointer tile = new DoublePointer(product).position((long) i0 * cols + j0);
            if (i0 == j0) {
                openblas_nolapack.cblas_dsyrk(ROW_MAJOR, UPPER, TRANS, m, rows, 1.0, left, cols, 0.0, tile, cols);
            } else {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, m, n, rows, 1.0, left, cols,
                        new DoublePointer(c).position(j0), cols, 0.0, tile, cols);
            }
        };
    }

    /** Copies the upper triangle of a square row-major matrix onto the lower one. */
    private static void mirrorUpper(double[] gram, int cols) {
        // Tile by tile: writing whole columns would touch a new cache line with every write.
        for (int i0 = 0; i0 < cols; i0 += TILE) {
            for (int j0 = i0; j0 < cols; j0 += TILE) {
                for (int i = i0; i < Math.min(i0 + TILE, cols); i++) {
                    for (int j = Math.max(j0, i + 1); j < Math.min(j0 + TILE, cols); j++) {
                        gram[j * cols + i] = gram[i * cols + j];
                    }
                }
            }
        }
    }
}
