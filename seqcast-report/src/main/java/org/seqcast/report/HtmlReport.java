package org.seqcast.report;

import static org.seqcast.report.Html.esc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.seqcast.Seqcast;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.FoldResult;

/**
 * A backtest as one self-contained HTML file: every chart is a base64 PNG data URI (drawn with JFreeChart,
 * headless), the style sheet is inline, nothing is fetched. In order:
 * <ol>
 *   <li>title, date, Seqcast version and the settings;</li>
 *   <li>the model comparison (MSE, RMSE, MAE, MAPE, sMAPE, MASE, skill), models that do not beat the seasonal
 *       naive highlighted, the best MASE in bold;</li>
 *   <li>the history and final forecast of each series (the first {@value ChartSections#MAX_SERIES}), a forecast's
 *       central intervals as a fan around it; with {@link ReportData#roles() covariates}, each past and future-known
 *       one in a small plot under the series on the same time axis (future-known ones continued dashed over
 *       their known future), the static attributes in the caption, and a line saying what each role means;</li>
 *   <li>every fold of the first series: recent history, held-out actuals, each model's forecast;</li>
 *   <li>MAE and MASE by horizon step per model;</li>
 *   <li>training and validation loss per neural model;</li>
 *   <li>the scores of every fold (collapsed above {@value FoldTable#COLLAPSE_ABOVE} rows).</li>
 * </ol>
 * The output depends only on the data and the date: the same inputs on the same day give the same bytes.
 */
public final class HtmlReport {
    static {
        Headless.ensure();
    }

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code data} to {@code file} (parent folders created), atomically: the HTML goes to a
     * temporary file beside it, which then replaces {@code file}; a reader never sees half a report.
     */
    public static void write(ReportData data, Path file) throws IOException {
        String html = render(data);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        org.seqcast.format.AtomicFile.write(target, html.getBytes(StandardCharsets.UTF_8), file.toString());
    }

    /** The report as HTML text, dated today. */
    public static String render(ReportData data) {
        return render(data, LocalDate.now());
    }

    /** The report as HTML text, dated {@code date}. */
    public static String render(ReportData data, LocalDate date) {
        StringBuilder html = new StringBuilder(1 << 20);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(data.title())).append("</title>\n<style>\n").append(css()).append("</style>\n</head>\n")
                .append("<body>\n<main>\n");
        header(html, data, date);
        comparison(html, data.backtest());
        importance(html, data.explanations().importances());
        attributions(html, data.explanations().attributions(), data.explanations().attention());
        ChartSections charts = new ChartSections(data);
        charts.history(html);
        charts.folds(html);
        charts.byStep(html);
        charts.losses(html);
        html.append("<h2>Scores per fold</h2>\n<p>Each model&rsquo;s forecast of each series from each origin (the"
                + " last time stamp the model saw); MASE is scaled by that fold&rsquo;s in-sample seasonal naive"
                + " MAE.</p>\n");
        FoldTable.append(html, data.backtest().folds());
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, ReportData data, LocalDate date) {
        html.append("<h1>").append(esc(data.title())).append("</h1>\n<div class=\"meta\">").append(date)
                .append(" &middot; Seqcast ").append(esc(Seqcast.version())).append("</div>\n");
        if (!data.settings().isEmpty()) {
            html.append("<table class=\"settings\">\n");
            for (Map.Entry<String, String> e : data.settings().entrySet()) {
                html.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        BacktestResult r = data.backtest();
        BacktestOptions o = r.options();
        long series = r.folds().stream().map(FoldResult::seriesId).distinct().count();
        html.append("<p>Backtest of ").append(r.models().size()).append(" models on ").append(series)
                .append(" series").append(": horizon ").append(r.horizon()).append(", ")
                .append(o.folds()).append(o.folds() == 1 ? " origin" : " origins");
        if (o.folds() > 1) {
            html.append(" ").append(o.step()).append(o.step() == 1 ? " point" : " points").append(" apart");
        }
        html.append(", ").append(o.refit() ? "models refitted at every origin" : "models fitted at the first origin only")
                .append(".</p>\n");
    }

    private static void comparison(StringBuilder html, BacktestResult r) {
        html.append("<h2>Model comparison</h2>\n");
        ComparisonTable.append(html, r);
        html.append("<p class=\"explain\">Measures are averaged over folds per series, then over series."
                + " <strong>Skill</strong> = the model&rsquo;s MASE &divide; the seasonal naive&rsquo;s MASE (")
                .append(esc(Backtest.REFERENCE)).append("): below 1 beats the seasonal naive forecast; rows of models"
                        + " that do not are <span class=\"label-key\">highlighted</span>. The best MASE is in bold.</p>\n");
    }

    /** Each network's attribution heatmap, with its completeness check; nothing when none was computed. */
    private static void attributions(StringBuilder html,
                                     java.util.Map<String, org.seqcast.forecast.explain.Attribution> byLabel,
                                     java.util.Map<String, java.util.List<org.seqcast.forecast.explain.AttentionWeights>>
                                             attention) {
        if (byLabel.isEmpty()) {
            return;
        }
        html.append("<h2>Why the networks forecast what they did</h2>\n<p class=\"explain\">Integrated gradients of"
                + " each network's forecast over its input window (steps across, features down), summed over the"
                + " horizon, in model units: red cells push the forecast up, blue ones down, measured from a baseline"
                + " window of zeros (no change from the last value, covariates at their centre). A network with"
                + " attention also shows its attention weights over the same window.</p>\n");
        byLabel.forEach((label, a) -> {
            int width = Math.max(420, Math.min(1000, 140 + 26 * a.steps().size()));
            int height = Math.max(200, 120 + 26 * a.features().size());
            html.append("<figure><img src=\"").append(Png.dataUri(AttributionChart.heatmap(label, a), width, height))
                    .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" alt=\"")
                    .append(esc("attributions: " + label)).append("\"><figcaption>").append(esc(String.format(
                            java.util.Locale.ROOT, "%s: the attributions sum to f(x) - f(baseline) = %.4g within %.2g"
                                    + " (relative %.2g)", label, a.totalDifference(), a.totalCompletenessError(),
                            a.totalRelativeError()))).append("</figcaption></figure>\n");
            for (org.seqcast.forecast.explain.AttentionWeights w : attention.getOrDefault(label, java.util.List.of())) {
                int side = Math.max(360, Math.min(760, 160 + 22 * w.steps().size()));
                String title = label + ", attention (layer " + w.layer() + ")";
                html.append("<figure><img src=\"").append(Png.dataUri(AttentionChart.heatmap(title, w), side, side))
                        .append("\" width=\"").append(side).append("\" height=\"").append(side).append("\" alt=\"")
                        .append(esc("attention weights: " + title)).append("\"><figcaption>").append(esc(String.format(
                                java.util.Locale.ROOT, "%s: row i, the window step as a query, gives column j its"
                                        + " weight a_ij (rows sum to 1; uniform would be %.3g); from white (0) to"
                                        + " violet (the largest, %.3g); the smallest is %.3g", title,
                                1.0 / w.steps().size(), cells(w).max().orElse(0), cells(w).min().orElse(0))))
                        .append("</figcaption></figure>\n");
            }
        });
    }

    /** Every weight a_ij of an attention matrix. */
    private static java.util.stream.DoubleStream cells(org.seqcast.forecast.explain.AttentionWeights w) {
        return java.util.Arrays.stream(w.weights()).flatMapToDouble(java.util.Arrays::stream);
    }

    /** The covariates' permutation importance per model, with their roles; nothing when none was measured. */
    private static void importance(StringBuilder html,
                                   java.util.Map<String, java.util.List<org.seqcast.eval.PermutationImportance.Result>> byModel) {
        if (byModel.isEmpty()) {
            return;
        }
        html.append("<h2>Covariate importance</h2>\n<table class=\"importance\">\n<tr><th>model</th><th>covariate</th>"
                + "<th>role</th><th>MASE</th><th>shuffled</th><th>importance</th></tr>\n");
        byModel.forEach((model, results) -> results.forEach(r -> html.append("<tr><td>").append(esc(model))
                .append("</td><td>").append(esc(r.covariate())).append("</td><td>").append(esc(r.role().label()))
                .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.3f", r.baseline()))
                .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.3f", r.mase()))
                .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%+.3f", r.importance()))
                .append("</td></tr>\n")));
        html.append("</table>\n<p class=\"explain\">MASE lost when one covariate is shuffled (its history and future"
                + " values within each series; a static attribute taken from a random series), the models refitted at"
                + " the same origins: about 0 means the model does not use it.</p>\n");
    }

    private static String css() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("org/seqcast/report/report.css is missing from the seqcast-report jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/seqcast/report/report.css", e);
        }
    }

}
