package org.seqcast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.CovariateRoles;

/**
 * Covariates in the report: two monthly series with a past covariate (price), a future-known one (promo, with a
 * year of planned values after the last observation) and a static attribute (region).
 */
class CovariateReportTest {
    private static final int N = 48;
    private static final int AHEAD = 12;
    private static final CovariateRoles ROLES = new CovariateRoles(List.of("price"), List.of("promo"),
            List.of("region"));
    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    private static final Pattern FIGURE = Pattern.compile(
            "<figure><img src=\"data:image/png;base64,([^\"]*)\"[^>]*alt=\"([^\"]*)\">(?:<figcaption>([^<]*)</figcaption>)?</figure>");

    private static List<TimeSeries> series;
    private static BacktestResult backtest;

    @BeforeAll
    static void backtest() {
        series = List.of(series("a", "north", 0), series("b", "south", 1));
        backtest = Backtest.run(series, List.of(BaselineForecaster.of("naive", 6), BaselineForecaster.of("snaive", 6)),
                new BacktestOptions(1, 6, true));
    }

    @Test
    void eachSeriesShowsItsCovariatesWithTheirRolesAndItsStaticAttributes() throws IOException {
        String html = HtmlReport.render(new ReportData("covariates", series, backtest, List.of(), Map.of(), Map.of(),
                ROLES), DAY);
        List<String[]> figures = historyFigures(html);
        assertEquals(2, figures.size());
        assertEquals("Under the series: price (past), promo (future-known). region: north (static).", figures.get(0)[2]);
        assertEquals("Under the series: price (past), promo (future-known). region: south (static).", figures.get(1)[2]);
        for (String[] f : figures) {
            assertEquals(380 + 2 * ChartSections.COVARIATE_HEIGHT, image(f[0]).getHeight(), "room for 2 covariates");
        }
        String section = historySection(html);
        assertTrue(section.contains(Html.esc(ChartSections.ROLES_EXPLAINED)), "the roles explained");
        for (CovariateRole role : CovariateRole.values()) {
            assertTrue(ChartSections.ROLES_EXPLAINED.contains(role.meaning()), role.name());
        }
    }

    @Test
    void theCovariatesShareTheTimeAxisAndTheFutureKnownOneContinuesDashed() {
        TimeSeries a = series.get(0);
        JFreeChart chart = SeriesCharts.history(a, List.of(), ROLES, new Palette(List.of()));
        CombinedDomainXYPlot stack = assertInstanceOf(CombinedDomainXYPlot.class, chart.getPlot());
        List<XYPlot> plots = stack.getSubplots();
        assertEquals(3, plots.size(), "the target and two covariates");
        assertEquals("a", chart.getTitle().getText());
        for (XYPlot p : plots) {
            assertSame(stack.getDomainAxis(), p.getDomainAxis(), "one time axis for all");
        }
        assertEquals(List.of(), corners(plots.get(0)));
        assertEquals(List.of("price (past)"), corners(plots.get(1)));
        assertEquals(List.of("promo (future-known)"), corners(plots.get(2)));
        assertEquals(List.of("observed"), legend(stack), "covariates have their titles, not legend entries");

        XYDataset price = plots.get(1).getDataset();
        assertEquals(1, price.getSeriesCount(), "a past covariate has no future");
        assertEquals(N, price.getItemCount(0));
        assertEquals(a.column("price")[N - 1], price.getYValue(0, N - 1));

        XYDataset promo = plots.get(2).getDataset();
        assertEquals(2, promo.getSeriesCount(), "observed, then known ahead");
        assertEquals(N, promo.getItemCount(0));
        assertEquals(1 + AHEAD, promo.getItemCount(1), "joined to the last observation");
        double[] planned = a.future("promo");
        assertEquals(TimeAxis.x(a.index(), N - 1), promo.getXValue(1, 0));
        assertEquals(a.column("promo")[N - 1], promo.getYValue(1, 0));
        for (int k = 0; k < AHEAD; k++) {
            assertEquals(TimeAxis.x(a.index(), N + k), promo.getXValue(1, k + 1));
            assertEquals(planned[k], promo.getYValue(1, k + 1));
        }
        XYItemRenderer r = plots.get(2).getRenderer();
        assertSame(Palette.dashed(), r.getSeriesStroke(1), "the future dashed");
        assertSame(Palette.COVARIATE_STROKE, r.getSeriesStroke(0), "the history solid");
        chart.createBufferedImage(1000, 600);
        assertTrue(stack.getDomainAxis().getUpperBound() >= TimeAxis.x(a.index(), N + AHEAD - 1),
                "the time axis reaches the last planned value");
    }

    @Test
    void aReportWithoutCovariatesHasNoneOfIt() {
        String html = HtmlReport.render(new ReportData("plain", series, backtest, List.of(), Map.of(), Map.of()), DAY);
        for (String[] f : historyFigures(html)) {
            assertEquals(null, f[2], "no caption");
            assertEquals(380, image(f[0]).getHeight());
        }
        for (String text : List.of("(past)", "(future-known)", "(static)", "region", "north",
                Html.esc(ChartSections.ROLES_EXPLAINED))) {
            assertFalse(html.contains(text), text);
        }
        assertInstanceOf(XYPlot.class, SeriesCharts.history(series.get(0), List.of(), CovariateRoles.NONE,
                new Palette(List.of())).getPlot());
        assertEquals(html, HtmlReport.render(new ReportData("plain", series, backtest, List.of(), Map.of(), Map.of())
                .withRoles(ROLES).withRoles(null), DAY), "null roles are none");
    }

    @Test
    void staticAttributesAloneAreListedWithoutPlotsUnderTheSeries() {
        CovariateRoles statics = new CovariateRoles(List.of(), List.of(), List.of("region"));
        String html = HtmlReport.render(ReportData.of("statics", series, backtest).withRoles(statics), DAY);
        List<String[]> figures = historyFigures(html);
        assertEquals("region: north (static).", figures.get(0)[2]);
        assertEquals(380, image(figures.get(0)[0]).getHeight());
        assertFalse(html.contains("Under the series"));
    }

    @Test
    void rolesMustNameCovariatesTheSeriesHave() {
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> ReportData.of("x", series,
                backtest).withRoles(new CovariateRoles(List.of("price", "temperature"), List.of(), List.of())));
        assertTrue(column.getMessage().contains("past covariate 'temperature' is not a column of series 'a'")
                && column.getMessage().contains("[price, promo]"), column.getMessage());
        IllegalArgumentException future = assertThrows(IllegalArgumentException.class, () -> ReportData.of("x",
                series, backtest).withRoles(new CovariateRoles(List.of(), List.of("region"), List.of())));
        assertTrue(future.getMessage().contains("future-known covariate 'region' is not a column"), future.getMessage());
        IllegalArgumentException attribute = assertThrows(IllegalArgumentException.class, () -> ReportData.of("x",
                series, backtest).withRoles(new CovariateRoles(List.of(), List.of(), List.of("store"))));
        assertTrue(attribute.getMessage().contains("static covariate 'store' is not an attribute of series 'a'")
                && attribute.getMessage().contains("[region]"), attribute.getMessage());
    }

    /** Monthly sales driven by a price and a promotion, with a year of planned promotions after the end. */
    private static TimeSeries series(String id, String region, int shift) {
        double[] price = new double[N];
        double[] promo = new double[N];
        double[] sales = new double[N];
        for (int t = 0; t < N; t++) {
            price[t] = 10 + Math.sin(t / 5.0) + shift;
            promo[t] = (t + shift) % 6 == 0 ? 1 : 0;
            sales[t] = 100 - 3 * price[t] + 20 * promo[t] + 5 * Math.sin(2 * Math.PI * t / 12);
        }
        double[] planned = new double[AHEAD];
        for (int k = 0; k < AHEAD; k++) {
            planned[k] = (N + k + shift) % 4 == 0 ? 1 : 0;
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("sales", sales);
        columns.put("price", price);
        columns.put("promo", promo);
        return new TimeSeries(id, TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2020, 1, 1), N), "sales", columns, 12,
                Map.of("region", region), Map.of("promo", planned));
    }

    private static String historySection(String html) {
        int from = html.indexOf("<h2>History and forecast</h2>");
        return html.substring(from, html.indexOf("<h2>Backtest folds</h2>", from));
    }

    /** The history section's figures: base64 PNG, alt text, caption (null when none). */
    private static List<String[]> historyFigures(String html) {
        List<String[]> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(historySection(html));
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return out;
    }

    private static BufferedImage image(String base64) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)));
            assertNotNull(image, "a PNG");
            return image;
        } catch (IOException e) {
            throw new AssertionError("the chart does not decode", e);
        }
    }

    private static List<String> corners(XYPlot plot) {
        return plot.getAnnotations().stream().filter(XYTitleAnnotation.class::isInstance)
                .map(a -> ((TextTitle) ((XYTitleAnnotation) a).getTitle()).getText()).toList();
    }

    private static List<String> legend(CombinedDomainXYPlot plot) {
        List<String> out = new ArrayList<>();
        LegendItemCollection items = plot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            out.add(items.get(i).getLabel());
        }
        return out;
    }
}
