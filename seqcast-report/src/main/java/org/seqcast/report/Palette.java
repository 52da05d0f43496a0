package org.seqcast.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.List;
import org.seqcast.eval.Backtest;

/**
 * One colour and line style per model, the same in every chart: models take the colours of a palette in
 * backtest order; the seasonal naive reference is a dashed grey line, the observed data a black one.
 */
final class Palette {
    /** The observed values (history and held-out actuals). */
    static final Color OBSERVED = new Color(0x1a1a1a);
    /** A covariate drawn under its series: solid where observed, dashed where known ahead. */
    static final Color COVARIATE = new Color(0x4a6378);
    static final Stroke COVARIATE_STROKE = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Color REFERENCE = new Color(0x7a7a7a);
    static final Stroke OBSERVED_STROKE = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x393b79),
        new Color(0xad494a), new Color(0x637939), new Color(0xe7ba52), new Color(0x843c39),
    };
    private static final Stroke SOLID = new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f);
    private static final Stroke DOTTED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {2f, 3f}, 0f);

    private final List<String> models;

    /** A palette for {@code models}, in the order they take colours (the backtest's order, then any others). */
    Palette(List<String> models) {
        this.models = models.stream().filter(m -> !m.equals(Backtest.REFERENCE)).distinct().toList();
    }

    Color colour(String model) {
        if (model.equals(Backtest.REFERENCE)) {
            return REFERENCE;
        }
        return COLOURS[Math.floorMod(position(model), COLOURS.length)];
    }

    /** Solid for the first round of colours, dotted once they repeat; the reference dashed. */
    Stroke stroke(String model) {
        if (model.equals(Backtest.REFERENCE)) {
            return DASHED;
        }
        return position(model) < COLOURS.length ? SOLID : DOTTED;
    }

    /** The dashed line (validation curves). */
    static Stroke dashed() {
        return DASHED;
    }

    /** A model's place in the palette (0 for a model it was not given). */
    private int position(String model) {
        return Math.max(0, models.indexOf(model));
    }
}
