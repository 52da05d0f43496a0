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
import org.openjdk.jmh.infra.Blackhole;
import org.seqcast.nn.kernels.GruKernels;
import org.seqcast.nn.kernels.LstmKernels;

/**
 * One LSTM and one GRU (reset after) time step, forward and backward, for a block of batch rows, with the kernels
 * the JVM chose ({@code -Dseqcast.kernels=scalar} in {@code jvmArgsAppend} to compare). The inputs are not
 * restored between calls: the step's cost does not depend on the values, and the results go to a Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CellStepBench {
    /** "RxH": batch rows of the block, hidden units (JMH splits -p values at commas). */
    @Param({"16x50", "1x50", "64x128", "128x256"})
    public String shape;

    private int R;
    private int H;
    private float[] gates;
    private float[] gatesSaved;
    private float[] hPrev;
    private float[] cPrev;
    private float[] h;
    private float[] c;
    private float[] tanhC;
    private float[] wT;
    private float[] w;
    private float[] dz;
    private float[] dh;
    private float[] dc;
    private float[] gruGates;
    private float[] gruGatesSaved;
    private float[] hh;
    private float[] gruWT;
    private float[] gruW;
    private float[] gruBias;
    private float[] dzx;
    private float[] dzh;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        R = Integer.parseInt(p[0]);
        H = Integer.parseInt(p[1]);
        Random r = new Random(2);
        gatesSaved = random(r, R * 4 * H);
        gates = gatesSaved.clone();
        hPrev = random(r, R * H);
        cPrev = random(r, R * H);
        h = new float[R * H];
        c = new float[R * H];
        tanhC = new float[R * H];
        wT = random(r, H * 4 * H);
        w = random(r, 4 * H * H);
        dz = new float[R * 4 * H];
        dh = random(r, R * H);
        dc = random(r, R * H);
        gruGatesSaved = random(r, R * 3 * H);
        gruGates = gruGatesSaved.clone();
        hh = new float[R * 3 * H];
        gruWT = random(r, H * 3 * H);
        gruW = random(r, 3 * H * H);
        gruBias = random(r, 3 * H);
        dzx = new float[R * 3 * H];
        dzh = new float[R * 3 * H];
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * 0.1f;
        }
        return v;
    }

    @Benchmark
    public void lstmForward(Blackhole bh) {
        System.arraycopy(gatesSaved, 0, gates, 0, gates.length);
        LstmKernels.stepForward(gates, 0, hPrev, 0, cPrev, 0, h, 0, c, 0, tanhC, 0, wT, R, H);
        bh.consume(h);
    }

    @Benchmark
    public void lstmBackward(Blackhole bh) {
        LstmKernels.stepBackward(dz, 0, dh, 0, dc, 0, gatesSaved, 0, cPrev, 0, tanhC, 0, w, R, H);
        bh.consume(dh);
    }

    @Benchmark
    public void gruForward(Blackhole bh) {
        System.arraycopy(gruGatesSaved, 0, gruGates, 0, gruGates.length);
        GruKernels.stepForwardResetAfter(gruGates, 0, hh, 0, hPrev, 0, h, 0, gruWT, gruBias, R, H);
        bh.consume(h);
    }

    @Benchmark
    public void gruBackward(Blackhole bh) {
        GruKernels.stepBackwardResetAfter(dzx, 0, dzh, 0, dh, 0, gruGatesSaved, 0, hh, 0, hPrev, 0, gruW, R, H);
        bh.consume(dh);
    }
}
