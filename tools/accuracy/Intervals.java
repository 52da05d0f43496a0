import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.IntervalSummary;
import org.seqcast.eval.ModelSummary;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.Forecaster;

/**
 * Conformal intervals of baselines on a tourism subset (docs/ACCURACY.md, "Intervals"): the last H points of each
 * series held out (one fold), conformal calibration inside the training part only, default settings
 * (ConformalConfig.defaults(): 80% and 95%, scaled scores, refit at each origin, automatic origins). Run by
 * tools/accuracy/intervals.sh. Arguments: the long CSV file, H, then the baselines to wrap.
 */
public final class Intervals {
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int h = Integer.parseInt(args[1]);
        List<TimeSeries> series = SeriesCsv.read(data, CsvOptions.builder().idColumn("series_id").timeColumn("date")
                .target("value").build());
        ConformalConfig config = ConformalConfig.defaults();
        List<Forecaster> models = List.of(args).subList(2, args.length).stream()
                .map(name -> (Forecaster) new ConformalForecaster(BaselineForecaster.of(name, h), config)).toList();
        long start = System.nanoTime();
        BacktestResult r = Backtest.run(series, models, BacktestOptions.holdout());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d series, H = %d, one fold (the last H points), %s%n", data.getFileName(),
                series.size(), h, config);
        System.out.print(r.table());
        System.out.println("coverage per step (80% / 95%):");
        for (ModelSummary s : r.summary()) {
            IntervalSummary in = s.intervals();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-8s", s.model()));
            for (int k = 0; k < h; k++) {
                sb.append(String.format(Locale.ROOT, " %5.1f/%5.1f", in.coverageByStep()[0][k],
                        in.coverageByStep()[1][k]));
            }
            System.out.println(sb);
        }
        System.err.printf(Locale.ROOT, "wall time %.1f s%n", seconds);
    }
}
