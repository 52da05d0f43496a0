import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.IntervalSummary;
import org.seqcast.eval.ModelSummary;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;

/**
 * Scores forecasts and 80%/95% intervals computed elsewhere (R's, by tools/accuracy/r/ets_intervals.R) exactly as
 * Seqcast scores its own: each method of the file becomes a forecaster ("r-ets", "r-thetaf", ...) that returns the
 * file's forecasts, and {@link Backtest} runs them on the last-H holdout (one fold, the training part is everything
 * before the last H points, as R's fits saw) with the scores of {@code seqcast backtest --levels 80,95}: coverage per
 * level, MSIS (95%, M4, scaled by the in-sample seasonal naive MAE), scaled pinball loss, MAPE, MASE, the verdict.
 * Seqcast's own seasonal naive (point forecasts only) is the skill reference, as in every backtest.
 * Run by tools/accuracy/ets_intervals.sh. Arguments: the long data file (series_id, date, value), the forecast
 * file (method,series_id,step,mean,lo80,hi80,lo95,hi95), H. Prints the backtest table, then the mean width of
 * each level (series' units) and the coverage per step.
 */
public final class RIntervals {
    private static final double[] LEVELS = {80, 95};

    /** One method's forecasts of every series: mean, lo80, hi80, lo95, hi95 per step. */
    private record Table(String method, int h, Map<String, double[][]> rows) {
        double[][] of(String id) {
            double[][] r = rows.get(id);
            if (r == null) {
                throw new IllegalArgumentException(method + ": the forecast file has no rows for series '" + id + "'");
            }
            for (int k = 0; k < h; k++) {
                if (r[k] == null) {
                    throw new IllegalArgumentException(method + ": series '" + id + "' has no row for step " + (k + 1));
                }
            }
            return r;
        }
    }

    /** A forecaster that fits nothing and returns the file's forecasts of each series with their intervals. */
    private record Replay(Table table) implements Forecaster, FittedForecaster {
        @Override
        public String name() {
            return "r-" + table.method();
        }

        @Override
        public int horizon() {
            return table.h();
        }

        @Override
        public FittedForecaster fit(List<TimeSeries> training) {
            return this;
        }

        @Override
        public Forecast forecast(TimeSeries history) {
            double[][] r = table.of(history.id());
            int h = table.h();
            double[] mean = new double[h];
            double[][] lower = new double[h][2];
            double[][] upper = new double[h][2];
            for (int k = 0; k < h; k++) {
                mean[k] = r[k][0];
                lower[k] = new double[] {r[k][1], r[k][3]};
                upper[k] = new double[] {r[k][2], r[k][4]};
            }
            return new Forecast(history.id(), name(), history.index().following(h), mean)
                    .withIntervals(LEVELS, lower, upper);
        }
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path forecasts = Path.of(args[1]);
        int h = Integer.parseInt(args[2]);
        List<TimeSeries> series = SeriesCsv.read(data, CsvOptions.builder().idColumn("series_id").timeColumn("date")
                .target("value").build());
        List<Forecaster> models = new ArrayList<>();
        for (Table t : read(forecasts, h)) {
            models.add(new Replay(t));
        }
        BacktestResult r = Backtest.run(series, models, BacktestOptions.holdout());
        System.out.printf(Locale.ROOT, "%s: %d series, H = %d, one fold (the last H points); R's forecasts and"
                + " intervals from %s, scored by Seqcast%n", data.getFileName(), series.size(), h,
                forecasts.getFileName());
        System.out.print(r.table());
        System.out.println("mean width (series' units), 80% / 95%:");
        for (ModelSummary s : r.summary()) {
            IntervalSummary in = s.intervals();
            if (!in.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %-10s %.6g / %.6g%n", s.model(), in.width()[0], in.width()[1]);
            }
        }
        System.out.println("coverage per step (80% / 95%):");
        for (ModelSummary s : r.summary()) {
            IntervalSummary in = s.intervals();
            if (in.isEmpty()) {
                continue;
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-10s", s.model()));
            for (int k = 0; k < h; k++) {
                sb.append(String.format(Locale.ROOT, " %5.1f/%5.1f", in.coverageByStep()[0][k],
                        in.coverageByStep()[1][k]));
            }
            System.out.println(sb);
        }
    }

    /** The forecast file, one table per method in the order the file first names them. */
    private static List<Table> read(Path file, int h) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String header = "method,series_id,step,mean,lo80,hi80,lo95,hi95";
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IllegalArgumentException(file + ": expected the header " + header);
        }
        Map<String, Map<String, double[][]>> byMethod = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 8) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 8 fields, got " + f.length);
            }
            int step = Integer.parseInt(f[2]);
            if (step < 1 || step > h) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": step " + step + " outside 1.." + h);
            }
            double[] v = new double[5];
            for (int j = 0; j < 5; j++) {
                v[j] = Double.parseDouble(f[3 + j]);
            }
            byMethod.computeIfAbsent(f[0], m -> new LinkedHashMap<>()).computeIfAbsent(f[1], s -> new double[h][])
                    [step - 1] = v;
        }
        return byMethod.entrySet().stream().map(e -> new Table(e.getKey(), h, e.getValue())).toList();
    }
}
