package org.seqcast.report;

import static org.seqcast.report.Html.esc;
import static org.seqcast.report.Html.fixed;
import static org.seqcast.report.Html.num;

import java.util.List;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.ModelSummary;
import org.seqcast.metrics.MetricReport;

/**
 * The model comparison: one row per model with its mean measures and skill; rows of models that do not beat
 * the seasonal naive reference highlighted and labelled, the best MASE in bold.
 */
final class ComparisonTable {
    /** The row class of a model that does not beat the seasonal naive forecast. */
    static final String FAILS = "fails";
    /** The row class of the seasonal naive reference. */
    static final String REFERENCE = "reference";

    private ComparisonTable() {
    }

    static void append(StringBuilder html, BacktestResult result) {
        List<ModelSummary> rows = result.summary();
        double best = rows.stream().mapToDouble(s -> s.mean().mase()).filter(Double::isFinite).min().orElse(Double.NaN);
        html.append("<table class=\"metrics\">\n<thead><tr><th>model</th><th>MSE</th><th>RMSE</th><th>MAE</th>"
                + "<th>MAPE %</th><th>sMAPE %</th><th>MASE</th><th>skill</th><th>verdict</th></tr></thead>\n<tbody>\n");
        for (ModelSummary s : rows) {
            boolean reference = s.model().equals(Backtest.REFERENCE);
            String rowClass = reference ? REFERENCE : s.failsToBeatSeasonalNaive() || Double.isNaN(s.skill()) ? FAILS
                    : "beats";
            MetricReport m = s.mean();
            String mase = num(m.mase());
            if (m.mase() == best) {
                mase = "<strong>" + mase + "</strong>";
            }
            html.append("<tr class=\"").append(rowClass).append("\"><td class=\"model\">").append(esc(s.model()))
                    .append("</td>").append(cell(num(m.mse()))).append(cell(num(m.rmse()))).append(cell(num(m.mae())))
                    .append(cell(fixed(m.mape(), 2))).append(cell(fixed(m.smape(), 2))).append(cell(mase))
                    .append(cell(fixed(s.skill(), 3))).append("<td class=\"verdict\">")
                    .append(verdict(s, reference, result.referenceRequested())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String cell(String formatted) {
        return "<td class=\"num\">" + formatted + "</td>";
    }

    private static String verdict(ModelSummary s, boolean reference, boolean requested) {
        String v;
        if (reference) {
            v = requested ? "reference" : "reference (added by the backtest)";
        } else if (s.verdict().equals("beats seasonal naive")) {
            v = s.verdict();
        } else {
            v = "<span class=\"label\">" + esc(s.verdict()) + "</span>";
        }
        if (s.fallbacks() > 0) {
            v += " <span class=\"note\">(" + s.fallbacks() + " forecast" + (s.fallbacks() == 1 ? "" : "s")
                    + " with a note: a simpler method, fewer terms or an unseen category; see the folds)</span>";
        }
        return v;
    }
}
