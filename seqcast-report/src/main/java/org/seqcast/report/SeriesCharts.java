package org.seqcast.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.FoldResult;
import org.seqcast.forecast.Forecast;

/** Charts of values over time: a series with its final forecasts, and one backtest fold. */
final class SeriesCharts {
    private SeriesCharts() {
    }

    /**
     * The whole history of {@code s} in black and each forecast of it in its model's colour, with the forecast's
     * central intervals as a fan ({@link Fan}) when it carries any.
     */
    static JFreeChart history(TimeSeries s, List<Forecast> forecasts, Palette palette) {
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
        return ChartStyle.chart(s.id(), plot, true);
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
