import java.nio.file.Path;
import java.util.Map;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.io.ModelFile;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/**
 * The forward pass of a network at batch 1 against batch B (B copies of its last window of a series): the time per
 * window, for the micro-batching decision in docs/SERVING.md. Each size is timed five times for 0.4 s, the best
 * kept; the sizes are run twice, since the first round is still JIT warm-up on a busy machine.
 * Usage: java --add-modules jdk.incubator.vector -cp seqcast-cli/target/seqcast.jar tools/serve/ForwardBatch.java \
 *            MODEL.seqcast SERIES.csv
 */
public class ForwardBatch {
    public static void main(String[] a) throws Exception {
        FittedRnn rnn = ModelFile.load(Path.of(a[0])).rnn();
        TimeSeries s = SeriesCsv.read(Path.of(a[1]), CsvOptions.defaults()).get(0);
        Tensor x = rnn.lastWindow(s).inputs().get(org.seqcast.forecast.RnnForecaster.INPUT);
        int w = x.dim(1), f = x.dim(2);
        Sequential net = rnn.model();
        System.out.println("window " + w + " features " + f + " params " + net.parameterCount());
        // whole forecast (scaling + window + forward) for reference
        for (int r = 0; r < 6; r++) {
            long t0 = System.nanoTime(); int n = 0;
            while (System.nanoTime() - t0 < 2e9) { rnn.forecast(s); n++; }
            System.out.printf("forecast(series): %.1f us%n", (System.nanoTime() - t0) / 1e3 / n);
        }
        for (int b : new int[] {1, 2, 4, 8, 16, 32, 64, 1, 2, 4, 8, 16}) {
            float[] data = new float[b * w * f];
            for (int i = 0; i < b; i++) System.arraycopy(x.data(), 0, data, i * w * f, w * f);
            Tensor xb = Tensor.wrap(data, b, w, f);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime(); int n = 0;
                while (System.nanoTime() - t0 < 4e8) { net.predict(xb); n++; }
                best = Math.min(best, (System.nanoTime() - t0) / 1e3 / n);
            }
            System.out.printf("batch %2d: %.1f us per pass, %.1f us per window%n", b, best, best / b);
        }
    }
}
