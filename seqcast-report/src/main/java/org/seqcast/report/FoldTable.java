package org.seqcast.report;

import static org.seqcast.report.Html.esc;
import static org.seqcast.report.Html.fixed;
import static org.seqcast.report.Html.num;

import java.util.List;
import org.seqcast.eval.FoldResult;

/** The scores of every fold: model, series, fold, origin, MAE, MAPE and MASE; folded away when long. */
final class FoldTable {
    /** More rows than this are shown collapsed, behind a {@code <details>} element. */
    static final int COLLAPSE_ABOVE = 50;

    private FoldTable() {
    }

    static void append(StringBuilder html, List<FoldResult> folds) {
        boolean collapse = folds.size() > COLLAPSE_ABOVE;
        if (collapse) {
            html.append("<details>\n<summary>Show all ").append(folds.size())
                    .append(" rows (model &times; series &times; fold)</summary>\n");
        }
        html.append("<table class=\"folds\">\n<thead><tr><th>model</th><th>series</th><th>fold</th>"
                + "<th>origin</th><th>MAE</th><th>MAPE %</th><th>MASE</th></tr></thead>\n<tbody>\n");
        for (FoldResult f : folds) {
            html.append("<tr><td class=\"model\">").append(esc(f.model())).append("</td><td>").append(esc(f.seriesId()))
                    .append("</td><td class=\"num\">").append(f.fold() + 1).append("</td><td>")
                    .append(esc(origin(f))).append("</td><td class=\"num\">").append(num(f.metrics().mae()))
                    .append("</td><td class=\"num\">").append(fixed(f.metrics().mape(), 2))
                    .append("</td><td class=\"num\">").append(num(f.metrics().mase())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (collapse) {
            html.append("</details>\n");
        }
    }

    /** The time stamp of the last point the model saw: the point before the forecast's first. */
    static String origin(FoldResult f) {
        return f.forecast().index().label(-1);
    }
}
