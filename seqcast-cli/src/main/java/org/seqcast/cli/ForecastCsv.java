package org.seqcast.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.seqcast.forecast.Forecast;

/** Writes forecasts as CSV: {@code date,forecast}, or {@code series_id,date,forecast} for many series. */
final class ForecastCsv {
    private ForecastCsv() {
    }

    static void write(List<Forecast> forecasts, Path file) throws IOException {
        boolean many = forecasts.size() > 1;
        OutputFiles.prepare(file, "--out");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            w.write(many ? "series_id,date,forecast\n" : "date,forecast\n");
            for (Forecast f : forecasts) {
                double[] v = f.values();
                for (int k = 0; k < v.length; k++) {
                    w.write((many ? csvCell(f.seriesId()) + "," : "") + f.label(k) + ","
                            + String.format(Locale.ROOT, "%s", v[k]) + "\n");
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
