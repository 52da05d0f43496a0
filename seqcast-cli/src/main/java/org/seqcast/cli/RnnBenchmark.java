package org.seqcast.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.Seqcast;
import org.seqcast.forecast.Cell;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.kernels.Kernels;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;

/**
 * The training and prediction benchmark behind {@code seqcast bench}, measured as
 * shared/bench/torch_rnn_bench.py measures PyTorch: stacked LSTM/GRU, last step, Dense(horizon); Adam + MSE
 * over full shuffled epochs (median of the measured epochs after warm-up), batch-1 latency (median over many
 * calls), batch-256 throughput. Results are one JSON object with the same field names.
 */
final class RnnBenchmark {
    /** What to run; field names follow the PyTorch script's options. */
    record Config(String label, String cell, int features, int window, int units, int layers, int horizon,
                  int batch, int samples, int threads, int epochs, int warmupEpochs, double lr, int inferCalls,
                  int inferWarmup, int inferBatch, int b256MinCalls, double b256MinTime, int b256MaxCalls,
                  long seed, boolean skipTrain) {
        Config {
            for (int v : new int[] {features, window, units, layers, horizon, batch, samples, threads, epochs, inferCalls,
                inferBatch, b256MinCalls, b256MaxCalls}) {
                if (v <= 0) {
                    throw new IllegalArgumentException("every size and count must be positive; got " + v
                            + " in " + Arrays.asList(features, window, units, layers, horizon, batch, samples, threads,
                            epochs, inferCalls, inferBatch));
                }
            }
            if (!cell.equals("lstm") && !cell.equals("gru")) {
                throw new IllegalArgumentException("--cell must be lstm or gru; got " + cell);
            }
        }
    }

    private RnnBenchmark() {
    }

    /** Noisy sines, as the PyTorch script makes them: (samples, window, features) windows, the next {@code horizon} values of channel 0. */
    static Tensor[] data(int samples, int window, int features, int horizon, long seed) {
        Rng rng = new Rng(seed);
        int n = samples + window + horizon - 1;
        float[][] series = new float[n][features];
        for (int f = 0; f < features; f++) {
            for (int t = 0; t < n; t++) {
                series[t][f] = (float) (Math.sin(2 * Math.PI * t / (50.0 + 7 * f) + 0.3 * f)
                        + 0.5 * Math.sin(2 * Math.PI * t / (13.0 + 3 * f)) + 0.1 * rng.gaussian());
            }
        }
        Tensor x = Tensor.zeros(samples, window, features);
        Tensor y = Tensor.zeros(samples, horizon);
        for (int s = 0; s < samples; s++) {
            for (int t = 0; t < window; t++) {
                System.arraycopy(series[s + t], 0, x.data(), (s * window + t) * features, features);
            }
            for (int h = 0; h < horizon; h++) {
                y.data()[s * horizon + h] = series[s + window + h][0];
            }
        }
        return new Tensor[] {x, y};
    }

    /** Multiply-adds of one forward pass for one sample, counted as the PyTorch script counts them. */
    static long fwdMacsPerSample(Config c) {
        long gates = Cell.parse(c.cell()).spec(1).gates();
        long macs = 0;
        long in = c.features();
        for (int l = 0; l < c.layers(); l++) {
            macs += (long) c.window() * gates * c.units() * (in + c.units());
            in = c.units();
        }
        return macs + (long) c.units() * c.horizon();
    }

    static Sequential model(Config c) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            layers.add(Cell.parse(c.cell()).spec(c.units()).returnSequences(l < c.layers() - 1));
        }
        layers.add(new LayerSpec.Dense(c.horizon()));
        Sequential m = Sequential.of(layers).seed(c.seed()).threads(c.threads());
        m.build(c.window(), c.features());
        m.compile(Loss.mse(), new Adam(c.lr()));
        return m;
    }

    static Map<String, Object> run(Config c, java.util.function.Consumer<String> log) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long wall0 = System.nanoTime();
        Tensor[] xy = data(c.samples(), c.window(), c.features(), c.horizon(), c.seed());
        Tensor x = xy[0];
        Tensor y = xy[1];
        Sequential m = model(c);
        long macs = fwdMacsPerSample(c);
        double flopsFwd = 2.0 * macs;
        double flopsTrain = 3 * flopsFwd;
        String tag = "[" + c.label() + " " + c.cell() + " t=" + c.threads() + "]";

        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", "seqcast_rnn");
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("label", c.label());
        cfg.put("cell", c.cell());
        cfg.put("features", c.features());
        cfg.put("window", c.window());
        cfg.put("hidden", c.units());
        cfg.put("layers", c.layers());
        cfg.put("horizon", c.horizon());
        cfg.put("batch", c.batch());
        cfg.put("samples", c.samples());
        cfg.put("epochs_measured", c.epochs());
        cfg.put("warmup_epochs", c.warmupEpochs());
        cfg.put("optimizer", "Adam");
        cfg.put("lr", c.lr());
        cfg.put("loss", "MSE");
        cfg.put("dtype", "float32");
        rec.put("config", cfg);
        rec.put("threads", c.threads());
        rec.put("seqcast_version", Seqcast.version());
        rec.put("java_version", System.getProperty("java.version"));
        rec.put("kernels", Kernels.current().name());
        rec.put("params", m.parameterCount());
        rec.put("fwd_macs_per_sample", macs);
        rec.put("flops_per_train_sample", (long) flopsTrain);
        rec.put("flops_per_infer_sample", (long) flopsFwd);

        if (!c.skipTrain()) {
            List<Double> sps = new ArrayList<>();
            List<Double> secs = new ArrayList<>();
            double lastLoss = Double.NaN;
            for (int e = 0; e < c.warmupEpochs() + c.epochs(); e++) {
                long t0 = System.nanoTime();
                var h = m.fit(x, y, FitOptions.builder().epochs(1).batchSize(c.batch()).build());
                double dt = (System.nanoTime() - t0) / 1e9;
                lastLoss = h.loss()[0];
                boolean measured = e >= c.warmupEpochs();
                log.accept(String.format("%s epoch %d (%s): %.2fs %.1f samples/s loss=%.4f", tag, e,
                        measured ? "measured" : "warmup", dt, c.samples() / dt, lastLoss));
                if (measured) {
                    secs.add(dt);
                    sps.add(c.samples() / dt);
                }
            }
            double med = median(sps);
            rec.put("train_samples_per_s", round(med, 2));
            rec.put("train_samples_per_s_all", sps.stream().map(v -> round(v, 2)).toList());
            rec.put("train_epoch_s_all", secs.stream().map(v -> round(v, 3)).toList());
            rec.put("train_gflops", round(med * flopsTrain / 1e9, 3));
            rec.put("train_final_loss", round(lastLoss, 5));
        }

        int nWin = x.dim(0);
        for (int i = 0; i < c.inferWarmup(); i++) {
            m.predict(x.slice(i % nWin, i % nWin + 1));
        }
        List<Double> lat = new ArrayList<>();
        for (int i = 0; i < c.inferCalls(); i++) {
            int j = (int) ((i * 7919L) % nWin);
            Tensor xb = x.slice(j, j + 1);
            long t0 = System.nanoTime();
            m.predict(xb);
            lat.add((System.nanoTime() - t0) / 1e3);
        }
        double b1 = median(lat);
        List<Double> sorted = new ArrayList<>(lat);
        sorted.sort(null);
        rec.put("infer_b1_us", round(b1, 2));
        rec.put("infer_b1_us_p10_p90", List.of(round(sorted.get(sorted.size() / 10), 2),
                round(sorted.get(sorted.size() * 9 / 10), 2)));
        rec.put("infer_b1_gflops", round(flopsFwd / (b1 * 1e3), 3));

        int B = c.inferBatch();
        Tensor xb = Tensor.zeros(B, c.window(), c.features());
        int row = c.window() * c.features();
        for (int b = 0; b < B; b++) {
            System.arraycopy(x.data(), (b % nWin) * row, xb.data(), b * row, row);
        }
        for (int i = 0; i < 2; i++) {
            m.predict(xb);
        }
        List<Double> bt = new ArrayList<>();
        long start = System.nanoTime();
        while ((bt.size() < c.b256MinCalls() || (System.nanoTime() - start) / 1e9 < c.b256MinTime())
                && bt.size() < c.b256MaxCalls()) {
            long t0 = System.nanoTime();
            m.predict(xb);
            bt.add((System.nanoTime() - t0) / 1e9);
        }
        double b256 = B / median(bt);
        log.accept(String.format("%s infer b1 %.1f us, b%d %.1f samples/s (%d calls)", tag, b1, B, b256, bt.size()));
        rec.put("infer_batch", B);
        rec.put("infer_b256_samples_per_s", round(b256, 2));
        rec.put("infer_b256_calls", bt.size());
        rec.put("infer_b256_gflops", round(b256 * flopsFwd / 1e9, 3));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        rec.put("peak_heap_mb", round(peak / 1048576.0, 1));
        rec.put("wall_s", round((System.nanoTime() - wall0) / 1e9, 2));
        rec.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return rec;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
