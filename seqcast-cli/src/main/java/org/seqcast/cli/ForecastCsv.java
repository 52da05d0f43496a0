package org.seqcast.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.format.AtomicFile;

/**
 * Writes forecasts as CSV (commons-csv): {@code date,forecast}, or {@code series_id,date,forecast} for many
 * series, then the columns of the forecasts' distributions when any carries one (intervals
 * {@code lo80,hi80,lo95,hi95}, then quantiles {@code q10,q50,q90}; names from {@link ForecastDistribution});
 * a forecast without them leaves those cells empty.
 */
final class ForecastCsv {
    /** RFC 4180 quoting, one line feed per record. */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private ForecastCsv() {
    }

    static void write(List<Forecast> forecasts, Path file) throws IOException {
        OutputFiles.prepare(file, "--out");
        AtomicFile.write(file, format(forecasts).getBytes(StandardCharsets.UTF_8), file.toString());
    }

    /** The CSV text, header included; the same for a file and for stdout. */
    static String format(List<Forecast> forecasts) {
        boolean many = forecasts.size() > 1;
        List<String> spread = ForecastDistribution.columns(forecasts.stream().map(Forecast::distribution).toList());
        List<String> header = new ArrayList<>(many ? List.of("series_id", "date", "forecast")
                : List.of("date", "forecast"));
        header.addAll(spread);
        StringBuilder w = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
            csv.printRecord(header);
            for (Forecast f : forecasts) {
                double[] v = f.values();
                for (int k = 0; k < v.length; k++) {
                    if (many) {
                        csv.print(f.seriesId());
                    }
                    csv.print(f.label(k));
                    csv.print(v[k]);
                    Map<String, Double> row = f.hasDistribution() ? f.distribution().row(k) : Map.of();
                    for (String column : spread) {
                        csv.print(row.get(column));
                    }
                    csv.println();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return w.toString();
    }

    /** One CSV cell, quoted when it must be (the quoting of the forecast file). */
    static String csvCell(String s) {
        return FORMAT.format(s);
    }
}
