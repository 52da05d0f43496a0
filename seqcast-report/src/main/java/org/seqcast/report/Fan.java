package org.seqcast.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;

/**
 * The central prediction intervals of forecasts as a fan: one shaded band per model and coverage, in the model's
 * colour, beneath the point forecasts. Every band is drawn with the same transparency, so where bands overlap
 * the colour deepens: the widest interval is the lightest, the narrowest the darkest. The legend shows each band
 * as a square of the colour it has where it is darkest ("lstm 80%").
 */
final class Fan {
    /** The opacity of one band. */
    static final float ALPHA = 0.25f;

    private Fan() {
    }

    /**
     * Adds the fan of those {@code forecasts} that carry intervals to {@code plot} as its second dataset (drawn
     * before the first, so beneath the lines); leaves the plot alone when none does.
     */
    static void draw(XYPlot plot, List<Forecast> forecasts, Palette palette) {
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        List<Color> fills = new ArrayList<>();
        List<Color> legend = new ArrayList<>();
        for (Forecast f : forecasts) {
            ForecastDistribution d = f.distribution();
            double[] coverages = d.coverages();
            double[] y = f.values();
            Color colour = palette.colour(f.model());
            for (int c = 0; c < coverages.length; c++) {
                YIntervalSeries band = new YIntervalSeries(f.model() + " " + ForecastDistribution.percent(coverages[c])
                        + "%", false, true);
                double[] lo = d.lower(coverages[c]);
                double[] hi = d.upper(coverages[c]);
                for (int k = 0; k < y.length; k++) {
                    band.add(TimeAxis.x(f.index(), k), y[k], lo[k], hi[k]);
                }
                bands.addSeries(band);
                fills.add(colour);
                legend.add(tint(colour, coverages.length - c));
            }
        }
        if (bands.getSeriesCount() == 0) {
            return;
        }
        Renderer renderer = new Renderer(legend);
        for (int i = 0; i < legend.size(); i++) {
            renderer.setSeriesFillPaint(i, fills.get(i));
        }
        plot.setDataset(1, bands);
        plot.setRenderer(1, renderer);
    }

    /** The model colour of a band seen through {@code layers} bands on white: 1 − (1 − α)^layers of it. */
    static Color tint(Color colour, int layers) {
        double a = 1 - Math.pow(1 - ALPHA, layers);
        return new Color(mix(colour.getRed(), a), mix(colour.getGreen(), a), mix(colour.getBlue(), a));
    }

    private static int mix(int channel, double a) {
        return (int) Math.round(255 * (1 - a) + channel * a);
    }

    /** Bands without lines or shapes (the point forecast is drawn by the line renderer), legend as squares. */
    private static final class Renderer extends DeviationRenderer {
        private static final long serialVersionUID = 1L;
        private final List<Color> legend;

        Renderer(List<Color> legend) {
            super(false, false);
            this.legend = List.copyOf(legend);
            setAlpha(ALPHA);
        }

        @Override
        public LegendItem getLegendItem(int datasetIndex, int series) {
            LegendItem line = super.getLegendItem(datasetIndex, series);
            if (line == null) {
                return null;
            }
            LegendItem square = new LegendItem(line.getLabel(), legend.get(series));
            square.setDataset(line.getDataset());
            square.setDatasetIndex(datasetIndex);
            square.setSeriesKey(line.getSeriesKey());
            square.setSeriesIndex(series);
            return square;
        }
    }
}
