package org.seqcast.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Forecast;

/** One series' history and its forecasts as a PNG file (the chart the report shows first). */
public final class ForecastChart {
    static {
        Headless.ensure();
    }

    private ForecastChart() {
    }

    /** Draws {@code series} and {@code forecasts} of it into {@code file} (PNG, width × height pixels), atomically. */
    public static void writePng(TimeSeries series, List<Forecast> forecasts, Path file, int width, int height)
            throws IOException {
        List<Forecast> mine = forecasts.stream().filter(f -> f.seriesId().equals(series.id())).toList();
        JFreeChart chart = SeriesCharts.history(series, mine,
                new Palette(mine.stream().map(Forecast::model).distinct().toList()));
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, width, height);
        org.seqcast.format.AtomicFile.write(file, png.toByteArray(), file.toString());
    }
}
