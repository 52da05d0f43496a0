package org.seqcast.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.nio.charset.StandardCharsets;
import org.seqcast.format.AtomicFile;
import org.seqcast.forecast.Forecast;

/** Writes forecasts as CSV: {@code date,forecast}, or {@code series_id,date,forecast} for many series. */
final class ForecastCsv {
    private ForecastCsv() {
    }

    static void write(List<Forecast> forecasts, Path file) throws IOException {
        OutputFiles.prepare(file, "--out");
        AtomicFile.write(file, format(forecasts).getBytes(StandardCharsets.UTF_8), file.toString());
    }

    /** The CSV text, header included; the same for a file and for stdout. */
    static String format(List<Forecast> forecasts) {
        boolean many = forecasts.size() > 1;
        StringBuilder w = new StringBuilder(many ? "series_id,date,forecast\n" : "date,forecast\n");
        for (Forecast f : forecasts) {
            double[] v = f.values();
            for (int k = 0; k < v.length; k++) {
                w.append(many ? csvCell(f.seriesId()) + "," : "").append(f.label(k)).append(',')
                        .append(String.format(Locale.ROOT, "%s", v[k])).append('\n');
            }
        }
        return w.toString();
    }

    static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
