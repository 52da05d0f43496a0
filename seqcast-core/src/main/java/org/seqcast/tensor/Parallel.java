package org.seqcast.tensor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a range of independent work items over a fixed number of threads.
 *
 * <p>Determinism rule: a kernel run through {@code Parallel} must compute every output element with the
 * same sequence of floating-point operations however the range is cut. Seqcast's kernels split only
 * over outputs (batch rows, weight rows), never over a sum, so results are bit-identical for any thread
 * count.
 */
public final class Parallel implements AutoCloseable {
    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private static final Parallel SERIAL = new Parallel(1);

    private final int threads;
    private final ExecutorService pool;

    /** @param threads how many threads share the work (the caller's thread is one of them) */
    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            int id = POOL_IDS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "seqcast-" + id + "-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    private static final java.util.Map<Integer, Parallel> SHARED = new java.util.HashMap<>();

    /**
     * A process-wide pool of {@code threads} threads, created on first use and shared by every model that
     * asks for the same count (so many small models do not each start their own threads).
     */
    public static Parallel shared(int threads) {
        if (threads == 1) {
            return SERIAL;
        }
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(threads, Parallel::new);
        }
    }

    /** Runs everything on the calling thread. */
    public static Parallel serial() {
        return SERIAL;
    }

    /** The number of cores the JVM sees. */
    public static int availableCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    /** The body of a parallel loop over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into at most {@link #threads()} contiguous chunks of at
     * least {@code minChunk} items; returns when all chunks are done. Exceptions from a chunk are rethrown.
     */
    public void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || pool == null) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures[c - 1] = pool.submit(() -> body.run(from, to));
        }
        RuntimeException first = null;
        try {
            body.run(0, (int) ((long) n / chunks));
        } catch (RuntimeException e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a parallel kernel", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    Throwable cause = e.getCause();
                    first = cause instanceof RuntimeException re ? re
                            : new IllegalStateException("parallel kernel failed", cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
