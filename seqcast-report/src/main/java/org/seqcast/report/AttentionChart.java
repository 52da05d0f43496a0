package org.seqcast.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.seqcast.forecast.explain.AttentionWeights;

/**
 * The heatmap of an Attention layer's weights over a window ({@link AttentionWeights}): the attended steps j across,
 * the querying steps i down (the first at the top), each cell a_ij from white (0) to dark violet (the largest weight).
 */
final class AttentionChart {
    private AttentionChart() {
    }

    static JFreeChart heatmap(String title, AttentionWeights w) {
        double[][] a = w.weights();
        int n = a.length;
        double[][] xyz = new double[3][n * n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                xyz[0][k] = j;
                xyz[1][k] = i;
                xyz[2][k] = a[i][j];
                max = Math.max(max, a[i][j]);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("attention", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new Sequential(max > 0 ? max : 1));
        String[] labels = w.steps().toArray(String[]::new);
        SymbolAxis x = new SymbolAxis(null, labels);
        x.setVerticalTickLabels(true);
        SymbolAxis y = new SymbolAxis(null, labels);
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return ChartStyle.chart(title, plot, false);
    }

    /** White (0) to dark violet (max). */
    private record Sequential(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Math.max(0, Math.min(1, value / max));
            return new Color((int) Math.round(255 - 170 * v), (int) Math.round(255 - 225 * v),
                    (int) Math.round(255 - 115 * v));
        }
    }
}
