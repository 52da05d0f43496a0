import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.ModelSummary;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.ConformalScore;
import org.seqcast.forecast.Forecaster;

/**
 * How the conformal calibration's settings change coverage, measured on VALIDATION origins only (the last H points
 * of each series are dropped first, never read; then the last H points of the rest are forecast): baselines with
 * 80% and 95% intervals from 1 (the automatic choice for many series), 3 and 6 calibration origins, scaled and
 * absolute scores. Run by tools/accuracy/conformal_origins.sh. Arguments: the long CSV file, H, then baselines.
 */
public final class ConformalOrigins {
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int h = Integer.parseInt(args[1]);
        List<TimeSeries> series = SeriesCsv.read(data, CsvOptions.builder().idColumn("series_id").timeColumn("date")
                .target("value").build());
        System.out.printf(Locale.ROOT, "%s: %d series, H = %d, validation origin (last H dropped)%n",
                data.getFileName(), series.size(), h);
        System.out.println("model        origins score     cov80   cov95    MSIS");
        for (String name : List.of(args).subList(2, args.length)) {
            for (ConformalScore score : ConformalScore.values()) {
                for (int k : new int[] {0, 3, 6}) {
                    ConformalConfig config = new ConformalConfig(new double[] {80, 95}, score, true, k, 1);
                    List<Forecaster> models = new ArrayList<>();
                    models.add(new ConformalForecaster(BaselineForecaster.of(name, h), config));
                    BacktestResult r = Backtest.run(series, models, new BacktestOptions(1, h, true, h));
                    ModelSummary s = r.summary(name);
                    System.out.printf(Locale.ROOT, "%-12s %7s %-8s %6.1f  %6.1f  %6.3f%n", name,
                            k == 0 ? "auto" : Integer.toString(k), score.name().toLowerCase(Locale.ROOT),
                            s.intervals().coverage(80), s.intervals().coverage(95), s.intervals().msis());
                }
            }
        }
    }
}
