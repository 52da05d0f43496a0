package org.seqcast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.Frequency;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.train.History;

class HtmlReportTest {
    private static final Path AIR = Path.of("../testdata/data/airpassengers.csv");
    private static final String ODD_MODEL = "<b>drift</b>";
    private static final String ODD_SETTING = "seqcast backtest --models '<b>' & \"more\"";
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"([^\"]*)\"");
    private static final Pattern SRC = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ROW = Pattern.compile("<tr class=\"(\\w+)\"><td class=\"model\">([^<]*)</td>(.*?)</tr>");

    private static TimeSeries air;
    private static BacktestResult airBacktest;
    private static FittedForecaster airRnn;

    @BeforeAll
    static void backtestAirPassengers() {
        air = SeriesCsv.read(AIR, CsvOptions.defaults()).get(0);
        RnnForecaster rnn = new RnnForecaster(RnnConfig.builder(12).units(4).epochs(3).build());
        List<Forecaster> models = List.of(rnn, BaselineForecaster.of("naive", 12), BaselineForecaster.of("snaive", 12),
                BaselineForecaster.of("hw", 12), renamed(BaselineForecaster.of("drift", 12), ODD_MODEL));
        airBacktest = Backtest.run(List.of(air), models, new BacktestOptions(2, 12, true));
        airRnn = rnn.fit(air);
    }

    @Test
    void airPassengersReportIsOneSelfContainedFile(@TempDir Path dir) throws IOException {
        History history = airRnn.trainingHistory();
        assertNotNull(history);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("command", ODD_SETTING);
        settings.put("seed", "0");
        List<Forecast> forecasts = airRnn.forecast(List.of(air));
        ReportData data = new ReportData("AirPassengers <test>", List.of(air), airBacktest, forecasts,
                Map.of(airRnn.name(), history), settings);
        Path file = dir.resolve("report.html");
        HtmlReport.write(data, file);

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "one file, no temporary left behind");
        }
        String html = Files.readString(file);
        assertSelfContained(html);
        // 1 series + 2 folds + error by step + 1 training history
        assertEquals(5, charts(html), "charts");

        Map<String, String[]> rows = comparisonRows(html);
        for (String model : airBacktest.models()) {
            assertTrue(rows.containsKey(Html.esc(model)), "no row for " + model + " in " + rows.keySet());
        }
        assertEquals("reference", rows.get("snaive")[0]);
        assertTrue(rows.get("snaive")[1].contains("reference"), rows.get("snaive")[1]);
        assertTrue(airBacktest.summary("naive").failsToBeatSeasonalNaive(), "the test needs a losing model");
        assertEquals(ComparisonTable.FAILS, rows.get("naive")[0]);
        assertTrue(rows.get("naive")[1].contains("does NOT beat seasonal naive"), rows.get("naive")[1]);

        assertFalse(html.contains(ODD_MODEL), "model name not escaped");
        assertTrue(html.contains("&lt;b&gt;drift&lt;/b&gt;"));
        assertFalse(html.contains("<b>'"), "setting not escaped");
        assertTrue(html.contains(Html.esc(ODD_SETTING)));
        assertTrue(html.contains("<title>AirPassengers &lt;test&gt;</title>"));
        assertTrue(html.contains("alt=\"training loss of lstm\""), "training chart");
        assertFalse(html.contains("<details>"), "20 fold rows stay open");
    }

    /** A forecast with 80% and 95% intervals: the report's charts still decode, and the history chart has a fan. */
    @Test
    void intervalsAreDrawnAsAFanAroundThePointForecast() {
        Forecast point = airRnn.forecast(air);
        Forecast fanned = withIntervals(point);
        ReportData data = new ReportData("with intervals", List.of(air), airBacktest, List.of(fanned), Map.of(), Map.of());
        String html = HtmlReport.render(data, LocalDate.of(2024, 1, 2));
        assertSelfContained(html);
        assertEquals(1 + 2 + 1, charts(html));
        assertTrue(html.contains(ChartSections.INTERVALS_SHADED));
        assertFalse(HtmlReport.render(new ReportData("without", List.of(air), airBacktest, List.of(point), Map.of(),
                Map.of()), LocalDate.of(2024, 1, 2)).contains(ChartSections.INTERVALS_SHADED));

        Palette palette = new Palette(List.of(point.model()));
        XYPlot plain = SeriesCharts.history(air, List.of(point), palette).getXYPlot();
        assertNull(plain.getDataset(1), "no fan without intervals");
        assertEquals(List.of(), legend(plain).stream().filter(l -> l.endsWith("%")).toList());

        JFreeChart chart = SeriesCharts.history(air, List.of(fanned), palette);
        XYPlot plot = chart.getXYPlot();
        assertTrue(plot.getDataset(1) instanceof YIntervalSeriesCollection, "the fan's dataset");
        assertTrue(plot.getRenderer(1) instanceof DeviationRenderer, "the fan's renderer");
        IntervalXYDataset bands = (IntervalXYDataset) plot.getDataset(1);
        assertEquals(2, bands.getSeriesCount());
        ForecastDistribution d = fanned.distribution();
        for (int c = 0; c < 2; c++) {
            double coverage = d.coverages()[c];
            assertEquals("lstm " + (int) coverage + "%", bands.getSeriesKey(c));
            for (int k = 0; k < point.horizon(); k++) {
                assertEquals(d.lower(coverage)[k], bands.getStartYValue(c, k));
                assertEquals(d.upper(coverage)[k], bands.getEndYValue(c, k));
                assertEquals(point.values()[k], bands.getYValue(c, k));
            }
        }
        assertTrue(legend(plot).containsAll(List.of("lstm 80%", "lstm 95%")), legend(plot).toString());
        double low = Arrays.stream(d.lower(95)).min().orElseThrow();
        assertTrue(plot.getRangeAxis().getLowerBound() <= low, "the axis shows the whole fan");

        // on the picture: between the 80% and 95% upper bounds one band (light), inside the 80% two (darker)
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(1000, 380, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int k = 6;
        double x = plot.getDomainAxis().valueToJava2D(TimeAxis.x(point.index(), k), area, plot.getDomainAxisEdge());
        Color outer = pixel(image, x, plot, area, (d.upper(80)[k] + d.upper(95)[k]) / 2);
        Color inner = pixel(image, x, plot, area, (d.upper(80)[k] + point.values()[k]) / 2);
        assertTrue(outer.getBlue() - outer.getRed() > 20, "the 95% band is tinted blue: " + outer);
        assertTrue(inner.getRed() < outer.getRed() - 20, "the 80% band is darker than the 95% band: " + inner + " vs " + outer);
    }

    private static Forecast withIntervals(Forecast f) {
        double[] v = f.values();
        double[][] lo = new double[v.length][];
        double[][] hi = new double[v.length][];
        for (int k = 0; k < v.length; k++) {
            lo[k] = new double[] {v[k] - 40 - k, v[k] - 80 - 2 * k};
            hi[k] = new double[] {v[k] + 40 + k, v[k] + 80 + 2 * k};
        }
        return f.withIntervals(new double[] {80, 95}, lo, hi);
    }

    private static List<String> legend(XYPlot plot) {
        List<String> out = new ArrayList<>();
        LegendItemCollection items = plot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            out.add(items.get(i).getLabel());
        }
        return out;
    }

    private static Color pixel(BufferedImage image, double x, XYPlot plot, Rectangle2D area, double value) {
        double y = plot.getRangeAxis().valueToJava2D(value, area, plot.getRangeAxisEdge());
        return new Color(image.getRGB((int) Math.round(x), (int) Math.round(y)));
    }

    @Test
    void manySeriesEachGetAChart(@TempDir Path dir) throws IOException {
        List<TimeSeries> series = synthetic(3, 30, Frequency.INDEX);
        List<Forecaster> models = List.of(BaselineForecaster.of("naive", 4), BaselineForecaster.of("drift", 4));
        BacktestResult r = Backtest.run(series, models, new BacktestOptions(2, 4, true));
        FittedForecaster snaive = BaselineForecaster.of("snaive", 4).fit(series);
        ReportData data = new ReportData("three series", series, r, snaive.forecast(series), null, null);
        Path file = dir.resolve("sub/three.html");
        HtmlReport.write(data, file);
        String html = Files.readString(file);
        assertSelfContained(html);
        // 3 series + 2 folds of the first + error by step; no training history
        assertEquals(6, charts(html));
        assertFalse(html.contains("Showing the first"));
        assertTrue(html.contains("No training history"));
        assertEquals(Map.of("naive", true, "drift", true, "snaive", true),
                Map.of("naive", comparisonRows(html).containsKey("naive"), "drift",
                        comparisonRows(html).containsKey("drift"), "snaive", comparisonRows(html).containsKey("snaive")));
        assertTrue(comparisonRows(html).get("snaive")[1].contains("reference (added by the backtest)"));
    }

    @Test
    void onlyTheFirstSixSeriesAreDrawnAndLongFoldTablesCollapse() {
        List<TimeSeries> series = synthetic(8, 40, Frequency.MONTHLY);
        BacktestResult r = Backtest.run(series, List.of(BaselineForecaster.of("naive", 6)),
                new BacktestOptions(3, 6, true));
        String html = HtmlReport.render(ReportData.of("eight series", series, r), LocalDate.of(2024, 1, 2));
        assertSelfContained(html);
        assertEquals(ChartSections.MAX_SERIES + 3 + 1, charts(html));
        assertTrue(html.contains("Showing the first 6 of 8 series"));
        // 2 models x 8 series x 3 folds = 48 rows: open; check the threshold with more folds below
        assertFalse(html.contains("<details>"));
        BacktestResult more = Backtest.run(series, List.of(BaselineForecaster.of("naive", 6)),
                new BacktestOptions(4, 6, true));
        String longer = HtmlReport.render(ReportData.of("eight series", series, more), LocalDate.of(2024, 1, 2));
        assertTrue(longer.contains("<details>\n<summary>Show all 64 rows"));
    }

    @Test
    void emptyForecastsShowTheHistoryAlone(@TempDir Path dir) throws IOException {
        BacktestResult r = Backtest.run(List.of(air), List.of(BaselineForecaster.of("naive", 12),
                BaselineForecaster.of("snaive", 12)), new BacktestOptions(3, 12, true));
        ReportData data = new ReportData("no forecast", List.of(air), r, List.of(), Map.of(), Map.of());
        Path file = dir.resolve("empty.html");
        Files.writeString(file, "an older report");
        HtmlReport.write(data, file);
        String html = Files.readString(file);
        assertSelfContained(html);
        assertEquals(1 + 3 + 1, charts(html));
        assertTrue(html.contains("No final forecast was made"));
        assertTrue(html.contains("No training history"));
        assertFalse(html.contains("<table class=\"settings\">"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        LocalDate day = LocalDate.of(2024, 5, 6);
        assertEquals(HtmlReport.render(data, day), HtmlReport.render(data, day), "same inputs, same report");
    }

    /** No external resources: every src is a PNG data URI, no links, scripts or URLs. */
    private static void assertSelfContained(String html) {
        assertFalse(html.contains("http://"), "http:// in the report");
        assertFalse(html.contains("https://"), "https:// in the report");
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        Matcher m = SRC.matcher(html);
        int n = 0;
        while (m.find()) {
            assertEquals("src", m.group(1).toLowerCase(), "an href in the report");
            assertTrue(m.group(2).startsWith(Png.DATA_URI_PREFIX), "src is not a PNG data URI: "
                    + m.group(2).substring(0, Math.min(60, m.group(2).length())));
            n++;
        }
        assertEquals(charts(html), n);
    }

    /** Counts the images, checking that each decodes to a PNG wider than 300 pixels. */
    private static int charts(String html) {
        Matcher m = IMG.matcher(html);
        int n = 0;
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(1).substring(Png.DATA_URI_PREFIX.length()));
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                assertNotNull(image, "image " + n + " does not decode");
                assertTrue(image.getWidth() > 300, "image " + n + " is " + image.getWidth() + " pixels wide");
            } catch (IOException e) {
                throw new AssertionError("image " + n + " does not decode", e);
            }
            n++;
        }
        return n;
    }

    /** The comparison table's rows by escaped model name: row class, and the rest of the row. */
    private static Map<String, String[]> comparisonRows(String html) {
        int from = html.indexOf("<table class=\"metrics\">");
        String table = html.substring(from, html.indexOf("</table>", from));
        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            rows.put(m.group(2), new String[] {m.group(1), m.group(3)});
        }
        return rows;
    }

    /** {@code count} seasonal series of {@code n} points, season 4, of different levels. */
    private static List<TimeSeries> synthetic(int count, int n, Frequency f) {
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                y[t] = 10 * (s + 1) + 0.3 * t + 3 * Math.sin(2 * Math.PI * t / 4) + ((t * 7 + s * 3) % 5) * 0.2;
            }
            TimeIndex index = f.equals(Frequency.INDEX) ? TimeIndex.plain(1, n) : TimeIndex.of(f, LocalDate.of(2000, 1, 1), n);
            out.add(TimeSeries.of("s" + (s + 1), index, y).withSeasonalPeriod(4));
        }
        return out;
    }

    private static Forecaster renamed(Forecaster inner, String name) {
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int horizon() {
                return inner.horizon();
            }

            @Override
            public FittedForecaster fit(List<TimeSeries> training) {
                return inner.fit(training);
            }
        };
    }
}
