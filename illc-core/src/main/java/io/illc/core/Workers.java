package io.illc.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Independent tasks on a fixed number of threads, with results in task order, so that the outcome
 * never depends on the thread count: each task must depend on its index alone (its own inputs, its
 * own seed), never on which tasks ran before it. Platform threads, one ND4J/OpenBLAS caller each
 * (OpenBLAS computes on the caller's thread; ND4J too with {@code OMP_NUM_THREADS=1}).
 */
public final class Workers {
    private Workers() {
    }

    /** Told how many tasks are done; called from the worker threads, one call at a time. */
    @FunctionalInterface
    public interface Done {
        void tasksDone(int done, int total);
    }

    /** All available processors: the default thread count. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code task(0..n-1)} on {@code threads} threads.
     *
     * @return the results, index i holding task i's
     * @throws RuntimeException the failure of the lowest-numbered task that failed (the same for any
     *                          thread count); the other tasks are cancelled
     */
    public static <T> List<T> map(int threads, int n, IntFunction<T> task, Done done) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        AtomicInteger finished = new AtomicInteger();
        try (Ordered<T> tasks = ordered(Math.max(1, Math.min(threads, n)))) {
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> {
                    T result = task.apply(index);
                    report(done, finished.incrementAndGet(), n);
                    return result;
                });
            }
            return tasks.results();
        }
    }

    /**
     * Tasks handed in one by one, as their inputs are found, on up to {@code threads} threads
     * (made as tasks arrive), while the caller goes on finding the next: see {@link Ordered}.
     */
    public static <T> Ordered<T> ordered(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new Ordered<>(threads == 1 ? null : Executors.newFixedThreadPool(threads, named()));
    }

    /**
     * The tasks of {@link #ordered}, whose results come in the order they were added: on one thread
     * each runs as it is added. {@link #close} cancels what has not run (tasks that are running
     * finish on their own). Not thread-safe: one thread adds and collects.
     */
    public static final class Ordered<T> implements AutoCloseable {
        private final ExecutorService pool;
        private final Deque<Future<T>> futures = new ArrayDeque<>();

        private Ordered(ExecutorService pool) {
            this.pool = pool;
        }

        public void add(Supplier<T> task) {
            futures.add(pool == null ? CompletableFuture.completedFuture(task.get()) : pool.submit(task::get));
        }

        /** The tasks added and not yet taken by {@link #takeFirst}. */
        public int pending() {
            return futures.size();
        }

        /**
         * Waits for the first task added that is not yet taken, and takes its result: a caller that
         * combines results in order as they come keeps only the tasks in flight.
         *
         * @throws RuntimeException that task's failure
         * @throws java.util.NoSuchElementException when every task added was taken
         */
        public T takeFirst() {
            return result(futures.remove());
        }

        /**
         * Waits for every task added.
         *
         * @throws RuntimeException the failure of the first task added that failed
         */
        public List<T> results() {
            List<T> out = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                out.add(result(f));
            }
            return out;
        }

        private static <T> T result(Future<T> future) {
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the workers", e);
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static void report(Done done, int finished, int total) {
        synchronized (done) {
            done.tasksDone(finished, total);
        }
    }

    /**
     * What a task threw, to rethrow on the thread that waited for it: a {@link RuntimeException} as
     * it is (returned, for {@code throw}), an {@link Error} thrown from here, anything else wrapped.
     */
    public static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    /** Runs {@code work} on a daemon thread of its own, named {@code name}; the future ends as it does. */
    public static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(work.get());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for {@code value}; what computing it threw is rethrown as {@link #unwrap} does. */
    public static <T> T join(CompletableFuture<T> value) {
        try {
            return value.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "illc-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
