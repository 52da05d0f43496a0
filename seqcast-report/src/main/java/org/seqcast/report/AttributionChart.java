package org.seqcast.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.seqcast.forecast.explain.Attribution;

/**
 * The heatmap of an {@link Attribution}: the window's steps across, the features down, each cell coloured by its
 * attribution summed over the horizon (red pushes the forecast up, blue down, white nothing), on a scale
 * symmetric about 0.
 */
final class AttributionChart {
    private AttributionChart() {
    }

    static JFreeChart heatmap(String title, Attribution a) {
        double[][] total = a.total();
        int w = a.steps().size();
        int f = a.features().size();
        double[][] xyz = new double[3][w * f];
        double max = 0;
        for (int t = 0; t < w; t++) {
            for (int j = 0; j < f; j++) {
                int k = t * f + j;
                xyz[0][k] = t;
                xyz[1][k] = j;
                xyz[2][k] = total[t][j];
                max = Math.max(max, Math.abs(total[t][j]));
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("attribution", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new Diverging(max > 0 ? max : 1));
        SymbolAxis x = new SymbolAxis(null, a.steps().toArray(String[]::new));
        x.setVerticalTickLabels(true);
        SymbolAxis y = new SymbolAxis(null, a.features().toArray(String[]::new));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return ChartStyle.chart(title, plot, false);
    }

    /** Blue (−max) through white (0) to red (+max). */
    private record Diverging(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return -max;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Math.max(-1, Math.min(1, value / max));
            int fade = (int) Math.round(255 * (1 - Math.abs(v)));
            return v >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
        }
    }
}
