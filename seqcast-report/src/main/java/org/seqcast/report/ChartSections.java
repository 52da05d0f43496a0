package org.seqcast.report;

import static org.seqcast.report.Html.esc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.FoldResult;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.forecast.Forecast;
import org.seqcast.train.History;

/** The report's chart sections: history and forecast, the folds, the error by step, the training losses. */
final class ChartSections {
    /** Series drawn with their forecasts at most; the rest are only counted. */
    static final int MAX_SERIES = 6;
    /** Folds drawn at most (the latest ones). */
    static final int MAX_FOLDS = 6;
    /** Seasons of history shown before a fold's origin. */
    static final int CONTEXT_SEASONS = 4;

    /** Said under the history heading when a forecast carries intervals. */
    static final String INTERVALS_SHADED = "The shaded bands are its central prediction intervals, the widest the"
            + " lightest.";

    /** Said under the history heading when the report has covariates: what each role means. */
    static final String ROLES_EXPLAINED = String.join(" ",
            Arrays.stream(CovariateRole.values()).map(CovariateRole::meaning).toList());
    /** Pixels added to a series' chart for each covariate drawn under it. */
    static final int COVARIATE_HEIGHT = 110;

    private static final int WIDE = 1000;
    private static final int HALF = 490;

    private final ReportData data;
    private final Palette palette;

    ChartSections(ReportData data) {
        this.data = data;
        List<String> models = new ArrayList<>(data.backtest().models());
        data.forecasts().forEach(f -> models.add(f.model()));
        models.addAll(data.histories().keySet());
        this.palette = new Palette(models);
    }

    /**
     * Section 3: each series' history with its final forecasts (the first {@value #MAX_SERIES} series), its
     * covariates under it and its static attributes in the caption.
     */
    void history(StringBuilder html) {
        List<TimeSeries> all = data.series();
        int shown = Math.min(MAX_SERIES, all.size());
        html.append("<h2>History and forecast</h2>\n<p>");
        if (data.forecasts().isEmpty()) {
            html.append("No final forecast was made: the chart").append(shown == 1 ? " shows" : "s show")
                    .append(" the history only.");
        } else {
            List<String> models = data.forecasts().stream().map(Forecast::model).distinct().toList();
            html.append("The whole history (black) and the final forecast of ").append(esc(String.join(", ", models)))
                    .append(" for the ").append(data.forecasts().get(0).horizon())
                    .append(" steps after the last observation.");
            if (data.forecasts().stream().anyMatch(f -> f.distribution().coverages().length > 0)) {
                html.append(" " + INTERVALS_SHADED);
            }
        }
        if (all.size() > shown) {
            html.append(" <strong>Showing the first ").append(shown).append(" of ").append(all.size())
                    .append(" series.</strong>");
        }
        html.append("</p>\n");
        CovariateRoles roles = data.roles();
        if (!roles.isEmpty()) {
            html.append("<p class=\"explain\">").append(esc(ROLES_EXPLAINED)).append("</p>\n");
        }
        int height = 380 + COVARIATE_HEIGHT * CovariateRole.drawn(roles);
        for (TimeSeries s : all.subList(0, shown)) {
            List<Forecast> mine = data.forecasts().stream().filter(f -> f.seriesId().equals(s.id())).toList();
            figure(html, SeriesCharts.history(s, mine, roles, palette), WIDE, height,
                    "history and forecast of " + s.id(), covariates(s, roles));
        }
    }

    /**
     * What a series' chart shows beside the target and what is known of it besides:
     * {@code "Under the series: price (past), law (future-known). covered: yes (static)."}; null without covariates.
     */
    static String covariates(TimeSeries s, CovariateRoles roles) {
        List<String> drawn = new ArrayList<>();
        for (CovariateRole role : CovariateRole.DRAWN) {
            role.names(roles).forEach(c -> drawn.add(role.title(c)));
        }
        List<String> parts = new ArrayList<>();
        if (!drawn.isEmpty()) {
            parts.add("Under the series: " + String.join(", ", drawn) + ".");
        }
        if (!roles.statics().isEmpty()) {
            parts.add(String.join("; ", roles.statics().stream()
                    .map(a -> CovariateRole.STATIC.title(a + ": " + s.statics().get(a))).toList()) + ".");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** Section 4: every fold of the first series (the latest {@value #MAX_FOLDS}). */
    void folds(StringBuilder html) {
        BacktestResult r = data.backtest();
        String id = r.folds().get(0).seriesId();
        TimeSeries s = data.series().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        Map<Integer, List<FoldResult>> byFold = new TreeMap<>();
        for (FoldResult f : r.folds()) {
            if (f.seriesId().equals(id)) {
                byFold.computeIfAbsent(f.fold(), k -> new ArrayList<>()).add(f);
            }
        }
        int m = s == null ? 1 : s.seasonalPeriod();
        int context = Math.max(CONTEXT_SEASONS * m, 2 * r.horizon());
        html.append("<h2>Backtest folds</h2>\n<p>Series <strong>").append(esc(id)).append("</strong>")
                .append(data.series().size() > 1 ? " (the first)" : "").append(": ")
                .append(m > 1 && context == CONTEXT_SEASONS * m ? "the last " + CONTEXT_SEASONS + " seasons ("
                        + context + " points)" : "the last " + context + " points")
                .append(" before each origin, the held-out actual values (shaded) and each model&rsquo;s forecast"
                        + " from that origin.");
        List<List<FoldResult>> folds = new ArrayList<>(byFold.values());
        if (folds.size() > MAX_FOLDS) {
            html.append(" <strong>Showing the latest ").append(MAX_FOLDS).append(" of ").append(folds.size())
                    .append(" folds.</strong>");
            folds = folds.subList(folds.size() - MAX_FOLDS, folds.size());
        }
        html.append("</p>\n");
        int total = r.options().folds();
        for (List<FoldResult> fold : folds) {
            FoldResult f = fold.get(0);
            String title = "Fold " + (f.fold() + 1) + " of " + total + ": origin " + FoldTable.origin(f) + ", forecasting "
                    + f.forecast().label(0) + " to " + f.forecast().label(f.forecast().horizon() - 1);
            figure(html, SeriesCharts.fold(s, fold, context, title, palette), WIDE, 400, title, null);
        }
    }

    /** Section 5: MAE and MASE by horizon step per model. */
    void byStep(StringBuilder html) {
        html.append("<h2>Error by horizon step</h2>\n<p>Mean absolute error of each step ahead over every series and"
                + " fold (top, in the data&rsquo;s units) and the same errors scaled by each series&rsquo; in-sample"
                + " seasonal naive MAE (MASE, bottom).</p>\n");
        figure(html, ErrorCharts.byStep(data.backtest().summary(), palette), WIDE, 560, "error by horizon step", null);
    }

    /** Section 6: training and validation loss per neural model. */
    void losses(StringBuilder html) {
        html.append("<h2>Training</h2>\n");
        Map<String, History> histories = ordered();
        if (histories.isEmpty()) {
            html.append("<p>No training history was given (no neural model, or none fitted for the report).</p>\n");
            return;
        }
        html.append("<p>Training loss (solid) and validation loss (dashed) per epoch, in the scaled units the network"
                + " trains on.</p>\n<div class=\"grid\">\n");
        histories.forEach((model, h) -> figure(html, ErrorCharts.loss(model, h, palette), HALF, 320,
                "training loss of " + model, caption(h)));
        html.append("</div>\n");
    }

    /** Why training ended, and which epoch's weights the model kept. */
    private static String caption(History h) {
        String s = h.stopReason();
        if (h.bestEpoch() >= 1 && h.bestEpoch() < h.epochsRun()) {
            s += "; the weights of epoch " + h.bestEpoch() + " were kept";
        }
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + (h.diverged() ? " (diverged)." : ".");
    }

    /** Histories of backtested models in backtest order, then any others in the order given. */
    private Map<String, History> ordered() {
        Map<String, History> out = new LinkedHashMap<>();
        for (String model : data.backtest().models()) {
            History h = data.histories().get(model);
            if (h != null) {
                out.put(model, h);
            }
        }
        data.histories().forEach(out::putIfAbsent);
        return out;
    }

    private static void figure(StringBuilder html, JFreeChart chart, int width, int height, String alt,
                               String caption) {
        html.append("<figure><img src=\"").append(Png.dataUri(chart, width, height)).append("\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" alt=\"").append(esc(alt)).append("\">");
        if (caption != null) {
            html.append("<figcaption>").append(esc(caption)).append("</figcaption>");
        }
        html.append("</figure>\n");
    }
}
