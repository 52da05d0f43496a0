package org.seqcast.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.seqcast.nn.kernels.Kernels;
import org.seqcast.nn.kernels.ScalarKernels;
import org.seqcast.nn.kernels.VectorKernels;

/**
 * The matrix products of the recurrent cells, scalar and vector kernels side by side, at the shapes the
 * benchmark configurations use (S: H 50, batch 32 split over 2 threads; M: H 128, batch 64; L: H 256, batch 128):
 * <ul>
 *   <li>{@code step}: one time step's h_{t-1} · W_hhᵀ, (B, H) x (H, 4H);</li>
 *   <li>{@code stepBackward}: dz · W_hh, (B, 4H) x (4H, H);</li>
 *   <li>{@code weightGrad}: dW_hh += dzᵀ · H_prev over a whole sequence, (4H, T·B) x (T·B, H).</li>
 * </ul>
 * Each returns C so that nothing is optimised away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ProductBench {
    /** "BxHxT": batch rows per thread, hidden units, time steps (JMH splits -p values at commas). */
    @Param({"16x50x60", "1x50x60", "64x128x96", "128x256x168"})
    public String shape;

    @Param({"vector", "scalar"})
    public String kernels;

    private Kernels k;
    private int B;
    private int H;
    private int T;
    private float[] h;
    private float[] wT;
    private float[] w;
    private float[] gates;
    private float[] dz;
    private float[] dh;
    private float[] dzAll;
    private float[] hAll;
    private float[] dW;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        B = Integer.parseInt(p[0]);
        H = Integer.parseInt(p[1]);
        T = Integer.parseInt(p[2]);
        k = kernels.equals("vector") ? new VectorKernels() : new ScalarKernels();
        Random r = new Random(1);
        h = random(r, B * H);
        wT = random(r, H * 4 * H);
        w = random(r, 4 * H * H);
        gates = new float[B * 4 * H];
        dz = random(r, B * 4 * H);
        dh = new float[B * H];
        int rows = Math.min(T * B, 4096);
        dzAll = random(r, rows * 4 * H);
        hAll = random(r, rows * H);
        dW = new float[4 * H * H];
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * 0.1f;
        }
        return v;
    }

    @Benchmark
    public float[] step() {
        k.mulAdd(h, 0, H, wT, 0, 4 * H, gates, 0, 4 * H, B, H, 4 * H);
        return gates;
    }

    @Benchmark
    public float[] stepBackward() {
        k.mulAdd(dz, 0, 4 * H, w, 0, H, dh, 0, H, B, 4 * H, H);
        return dh;
    }

    @Benchmark
    public float[] weightGrad() {
        int rows = dzAll.length / (4 * H);
        k.mulAddTransA(dzAll, 0, 4 * H, hAll, 0, H, dW, 0, H, 0, 4 * H, rows, H);
        return dW;
    }
}
