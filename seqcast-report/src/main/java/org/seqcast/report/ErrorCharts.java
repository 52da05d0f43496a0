package org.seqcast.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.seqcast.eval.ModelSummary;
import org.seqcast.train.EpochResult;
import org.seqcast.train.History;

/** Charts of errors: by horizon step per model, and training curves of a neural model. */
final class ErrorCharts {
    /** A log scale for losses once they span more than this factor. */
    private static final double LOG_SPAN = 100;

    private ErrorCharts() {
    }

    /** MAE (top) and MASE (bottom) of every step 1..H, one line per model; undefined values left out. */
    static JFreeChart byStep(List<ModelSummary> summaries, Palette palette) {
        NumberAxis step = new NumberAxis("horizon step");
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        int h = summaries.isEmpty() ? 1 : summaries.get(0).maeByStep().length;
        step.setRange(0.5, h + 0.5);
        ChartStyle.axis(step);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(step);
        plot.setGap(14);
        plot.add(stepPlot(summaries, ModelSummary::maeByStep, "MAE", palette, true), 1);
        plot.add(stepPlot(summaries, ModelSummary::maseByStep, "MASE", palette, false), 1);
        return ChartStyle.chart("Error by horizon step", plot, true);
    }

    private static XYPlot stepPlot(List<ModelSummary> summaries, Function<ModelSummary, double[]> measure,
                                   String label, Palette palette, boolean inLegend) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.lines();
        r.setDefaultShapesVisible(true);
        r.setDefaultSeriesVisibleInLegend(inLegend);
        for (ModelSummary s : summaries) {
            XYSeries line = new XYSeries(s.model(), false, true);
            double[] v = measure.apply(s);
            for (int k = 0; k < v.length; k++) {
                if (Double.isFinite(v[k])) {
                    line.add(k + 1, v[k]);
                }
            }
            data.addSeries(line);
            int i = data.getSeriesCount() - 1;
            r.setSeriesPaint(i, palette.colour(s.model()));
            r.setSeriesStroke(i, palette.stroke(s.model()));
        }
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(true);
        return ChartStyle.plot(data, new NumberAxis(), y, r);
    }

    /**
     * Training loss (solid) and validation loss (dashed, left out where NaN) per epoch, the best epoch marked
     * when the model went back to it;
     * on a log scale when the losses span more than a factor of {@value #LOG_SPAN}.
     */
    static JFreeChart loss(String model, History history, Palette palette) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries train = new XYSeries("training loss", false, true);
        XYSeries val = new XYSeries("validation loss", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (EpochResult e : history.epochs()) {
            for (double v : new double[] {e.loss(), e.valLoss()}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (Double.isFinite(e.loss())) {
                train.add(e.epoch(), e.loss());
            }
            if (Double.isFinite(e.valLoss())) {
                val.add(e.epoch(), e.valLoss());
            }
        }
        XYLineAndShapeRenderer r = ChartStyle.lines();
        data.addSeries(train);
        r.setSeriesPaint(0, palette.colour(model));
        r.setSeriesStroke(0, Palette.OBSERVED_STROKE);
        if (val.getItemCount() > 0) {
            data.addSeries(val);
            r.setSeriesPaint(1, palette.colour(model));
            r.setSeriesStroke(1, Palette.dashed());
        }
        boolean shapes = history.epochsRun() <= 3;
        r.setDefaultShapesVisible(shapes);
        ValueAxis y = lo > 0 && hi / lo > LOG_SPAN ? logAxis() : new NumberAxis("loss");
        if (y instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        XYPlot plot = ChartStyle.plot(data, epochs, y, r);
        int best = history.bestEpoch();
        if (best >= 1 && best < history.epochsRun()) {
            plot.addDomainMarker(ChartStyle.verticalLine(best, "best epoch " + best + " "), Layer.BACKGROUND);
        }
        return ChartStyle.chart(model, plot, true);
    }

    private static LogAxis logAxis() {
        LogAxis axis = new LogAxis("loss (log scale)");
        axis.setNumberFormatOverride(new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        axis.setSmallestValue(1e-12);
        return axis;
    }
}
