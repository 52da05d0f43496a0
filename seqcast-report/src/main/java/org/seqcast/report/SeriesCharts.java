package org.seqcast.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.FoldResult;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.forecast.Forecast;

/** Charts of values over time: a series with its final forecasts (and its covariates), and one backtest fold. */
final class SeriesCharts {
    /** The target's plot is this many times as tall as each covariate's under it. */
    static final int TARGET_WEIGHT = 3;
    /** Room above a covariate's curve for its title, as a fraction of its range. */
    private static final double TITLE_ROOM = 0.45;

    private SeriesCharts() {
    }

    /**
     * The whole history of {@code s} in black and each forecast of it in its model's colour, with the forecast's
     * central intervals as a fan ({@link Fan}) when it carries any.
     */
    static JFreeChart history(TimeSeries s, List<Forecast> forecasts, Palette palette) {
        return history(s, forecasts, CovariateRoles.NONE, palette);
    }

    /**
     * {@link #history(TimeSeries, List, Palette) The history chart}, and under it, on the same time axis, one small
     * plot per past and future-known covariate of {@code roles}, titled with its name and role; a future-known
     * covariate's values after the last observation continue dashed. Without such covariates, the history chart
     * alone.
     */
    static JFreeChart history(TimeSeries s, List<Forecast> forecasts, CovariateRoles roles, Palette palette) {
        XYPlot target = target(s, forecasts, palette);
        if (CovariateRole.drawn(roles) == 0) {
            return ChartStyle.chart(s.id(), target, true);
        }
        CombinedDomainXYPlot stack = ChartStyle.stacked(TimeAxis.of(s.frequency()));
        target.setDomainAxis(null);
        stack.add(target, TARGET_WEIGHT);
        for (CovariateRole role : CovariateRole.DRAWN) {
            for (String name : role.names(roles)) {
                stack.add(covariate(s, name, role), 1);
            }
        }
        return ChartStyle.chart(s.id(), stack, true);
    }

    /** The target's history and forecasts, with the last observation marked when there are forecasts. */
    private static XYPlot target(TimeSeries s, List<Forecast> forecasts, Palette palette) {
        Lines lines = new Lines(palette, forecasts.stream().map(Forecast::model).toList());
        lines.observed(s.index(), s.values(), 0, s.size());
        for (Forecast f : forecasts) {
            lines.model(f.model(), f.index(), f.values());
        }
        XYPlot plot = ChartStyle.plot(lines.data, TimeAxis.of(s.frequency()), s.target(), lines.renderer);
        Fan.draw(plot, forecasts, palette);
        if (!forecasts.isEmpty()) {
            plot.addDomainMarker(ChartStyle.verticalLine(TimeAxis.x(s.index(), s.size() - 1), "last observation "),
                    Layer.BACKGROUND);
        }
        return plot;
    }

    /**
     * Covariate {@code name} of {@code s} over the history (solid) and, for a future-known one, its known values
     * after the last observation (dashed, joined to the last observed value); no legend entries, its title in the
     * corner.
     */
    static XYPlot covariate(TimeSeries s, String name, CovariateRole role) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.lines();
        double[] v = s.column(name);
        int n = s.size();
        XYSeries observed = new XYSeries(role.title(name), false, true);
        for (int t = 0; t < n; t++) {
            observed.add(TimeAxis.x(s.index(), t), v[t]);
        }
        data.addSeries(observed);
        renderer.setSeriesStroke(0, Palette.COVARIATE_STROKE);
        double[] ahead = role == CovariateRole.FUTURE ? s.future(name) : new double[0];
        if (ahead.length > 0) {
            XYSeries known = new XYSeries(role.title(name) + " ahead", false, true);
            known.add(TimeAxis.x(s.index(), n - 1), v[n - 1]);
            for (int k = 0; k < ahead.length; k++) {
                known.add(TimeAxis.x(s.index(), n + k), ahead[k]);
            }
            data.addSeries(known);
            renderer.setSeriesStroke(1, Palette.dashed());
            renderer.setSeriesShapesVisible(1, ahead.length == 1);
        }
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Palette.COVARIATE);
            renderer.setSeriesVisibleInLegend(i, false);
        }
        NumberAxis y = new NumberAxis(null);
        y.setAutoRangeIncludesZero(false);
        y.setUpperMargin(TITLE_ROOM);
        XYPlot plot = ChartStyle.plot(data, null, y, renderer);
        plot.addAnnotation(ChartStyle.corner(role.title(name)));
        if (ahead.length > 0) {
            plot.addDomainMarker(ChartStyle.verticalLine(TimeAxis.x(s.index(), n - 1), null), Layer.BACKGROUND);
        }
        return plot;
    }

    /**
     * One fold of one series: the last {@code context} points before the origin and the held-out actual values
     * in black (the held-out part shaded), each model's forecast in its colour. {@code s} may be null when the
     * series is not at hand (or not the backtested one): the chart then shows the held-out part only.
     */
    static JFreeChart fold(TimeSeries s, List<FoldResult> folds, int context, String title, Palette palette) {
        FoldResult first = folds.get(0);
        TimeIndex future = first.forecast().index();
        Lines lines = new Lines(palette, folds.stream().map(FoldResult::model).toList());
        int cut = first.trainSize();
        double[] actual = first.actual();
        if (s != null && s.size() >= cut + actual.length) {
            double[] all = s.values();
            System.arraycopy(actual, 0, all, cut, actual.length);
            lines.observed(s.index(), all, Math.max(0, cut - context), cut + actual.length);
        } else {
            lines.observed(future, actual, 0, actual.length);
        }
        for (FoldResult f : folds) {
            lines.model(f.model(), f.forecast().index(), f.forecast().values());
        }
        XYPlot plot = ChartStyle.plot(lines.data, TimeAxis.of(future.frequency()), (String) null, lines.renderer);
        double half = (TimeAxis.x(future, 1) - TimeAxis.x(future, 0)) / 2;
        plot.addDomainMarker(ChartStyle.band(TimeAxis.x(future, 0) - half, TimeAxis.x(future, future.size() - 1) + half),
                Layer.BACKGROUND);
        return ChartStyle.chart(title, plot, true);
    }

    /** A dataset and renderer built line by line: observed values first, then one line per model. */
    private static final class Lines {
        final XYSeriesCollection data = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = ChartStyle.lines();
        private final Palette palette;
        private final Set<String> keys = new HashSet<>();

        /** Lines for the given models; the observed line's legend key avoids their names. */
        Lines(Palette palette, List<String> models) {
            this.palette = palette;
            keys.addAll(models);
        }

        void observed(TimeIndex index, double[] values, int from, int to) {
            int i = add(unique("observed"), index, values, from, to);
            renderer.setSeriesPaint(i, Palette.OBSERVED);
            renderer.setSeriesStroke(i, Palette.OBSERVED_STROKE);
        }

        void model(String model, TimeIndex index, double[] values) {
            keys.remove(model);
            int i = add(unique(model), index, values, 0, values.length);
            renderer.setSeriesPaint(i, palette.colour(model));
            renderer.setSeriesStroke(i, palette.stroke(model));
            renderer.setSeriesShapesVisible(i, values.length == 1);
        }

        /** {@code key}, or key with trailing spaces when taken (legend keys must differ). */
        private String unique(String key) {
            String k = key;
            while (keys.contains(k)) {
                k = k + " ";
            }
            keys.add(k);
            return k;
        }

        private int add(String key, TimeIndex index, double[] values, int from, int to) {
            XYSeries series = new XYSeries(key, false, true);
            for (int t = from; t < to; t++) {
                series.add(TimeAxis.x(index, t), values[t]);
            }
            data.addSeries(series);
            return data.getSeriesCount() - 1;
        }
    }
}
