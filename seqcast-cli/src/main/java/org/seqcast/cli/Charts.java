package org.seqcast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Forecast;
import org.seqcast.report.ForecastChart;

/** The --plot option: history and forecast as PNG, one file per series (at most {@value #MAX_FILES}). */
final class Charts {
    static final int MAX_FILES = 6;

    private Charts() {
    }

    /** One series: {@code file}; many: {@code <stem>_<series id>.png} next to it for the first few. */
    static void forecastPng(List<TimeSeries> series, List<Forecast> forecasts, Path file, PrintWriter err)
            throws IOException {
        if (series.size() == 1) {
            ForecastChart.writePng(series.get(0), forecasts, file, 1000, 420);
            return;
        }
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        int n = Math.min(MAX_FILES, series.size());
        for (int i = 0; i < n; i++) {
            String id = series.get(i).id().replaceAll("[^A-Za-z0-9._-]", "_");
            ForecastChart.writePng(series.get(i), forecasts, file.resolveSibling(stem + "_" + id + ".png"), 1000, 420);
        }
        err.printf("plotted the first %d of %d series as %s_<series>.png%n", n, series.size(), stem);
    }
}
