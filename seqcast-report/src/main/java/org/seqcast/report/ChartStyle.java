package org.seqcast.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/** The common look of the report's charts: white background, light grid, legend below, plain sans-serif text. */
final class ChartStyle {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color GRID = new Color(0xe3e3e3);
    private static final Color AXIS = new Color(0x555555);
    private static final Color MARKER = new Color(0x999999);
    private static final Color SHADE = new Color(0xf1f1f1);

    static {
        Headless.ensure();
    }

    private ChartStyle() {
    }

    /** A line renderer (shapes off) whose series take their paint and stroke from the caller. */
    static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        r.setDefaultShape(new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        return r;
    }

    /** An XY plot of {@code data} with a light grid; the range axis labelled {@code yLabel} (null for none). */
    static XYPlot plot(XYDataset data, ValueAxis x, String yLabel, XYLineAndShapeRenderer renderer) {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        return plot(data, x, y, renderer);
    }

    /**
     * An XY plot of {@code data} on the given axes with a light grid; {@code x} null for a subplot of a
     * {@link #stacked stack}, which draws on its parent's time axis.
     */
    static XYPlot plot(XYDataset data, ValueAxis x, ValueAxis y, XYLineAndShapeRenderer renderer) {
        if (x != null) {
            timeAxis(x);
        }
        axis(y);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return plot;
    }

    /** Plots stacked on one shared horizontal axis {@code x} (a series over the covariates under it). */
    static CombinedDomainXYPlot stacked(ValueAxis x) {
        timeAxis(x);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(8);
        plot.setOutlineVisible(false);
        return plot;
    }

    /** A small title in the top left corner inside a plot (a subplot's name). */
    static XYTitleAnnotation corner(String text) {
        TextTitle title = new TextTitle(text, LABEL);
        title.setPaint(AXIS);
        title.setBackgroundPaint(new Color(255, 255, 255, 200));
        title.setPadding(new RectangleInsets(1, 3, 1, 3));
        return new XYTitleAnnotation(0.0, 1.0, title, RectangleAnchor.TOP_LEFT);
    }

    /** Fonts, colours and margins of the horizontal axis. */
    private static void timeAxis(ValueAxis x) {
        axis(x);
        x.setLowerMargin(0.01);
        x.setUpperMargin(0.01);
    }

    /** Fonts and colours of an axis. */
    static void axis(ValueAxis a) {
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        a.setLabelPaint(AXIS);
        a.setTickLabelPaint(AXIS);
        a.setAxisLinePaint(MARKER);
        a.setTickMarkPaint(MARKER);
    }

    /** A chart of {@code plot} with its title and, when asked, a legend below the plot. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(LABEL);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    /** A dashed vertical line at {@code x} with a small label (a forecast origin, the best epoch). */
    static ValueMarker verticalLine(double x, String label) {
        ValueMarker m = new ValueMarker(x, MARKER, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {4f, 4f}, 0f));
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(TICK);
            m.setLabelPaint(AXIS);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
        }
        return m;
    }

    /** A grey band from {@code from} to {@code to} (the held-out part of a fold). */
    static IntervalMarker band(double from, double to) {
        IntervalMarker m = new IntervalMarker(from, to, SHADE);
        m.setOutlinePaint(null);
        return m;
    }
}
