package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.seqcast.data.TimeSeries;

/**
 * How a network reads the static attributes of a series ({@link TimeSeries#statics()}), fitted on the training
 * series: a numeric attribute (every training series' value a finite number) becomes one input standardised
 * across the training series, (v − center) / scale; a categorical one becomes a one-hot vector over the
 * categories seen in training plus a last "unknown" slot, which the network maps to a learned embedding (a
 * linear layer on a one-hot vector is an embedding lookup). Immutable.
 *
 * @param numeric     the numeric attributes, in the configuration's order
 * @param center      their means over the training series
 * @param scale       their standard deviations over the training series (1 where they do not vary)
 * @param categorical the categorical attributes, in the configuration's order
 */
public record StaticEncoding(List<String> numeric, double[] center, double[] scale, List<Categorical> categorical) {
    /** The largest embedding a categorical attribute gets. */
    public static final int MAX_EMBEDDING = 8;

    /**
     * A categorical attribute: its name, its categories in sorted order (index k is one-hot slot k; slot
     * {@code categories.size()} is "unknown") and the size of its embedding.
     */
    public record Categorical(String name, List<String> categories, int embedding) {
        public Categorical {
            if (name == null || name.isBlank() || categories == null || categories.isEmpty() || embedding < 1) {
                throw new IllegalArgumentException("a categorical attribute needs a name, at least one category and a"
                        + " positive embedding size; got " + name + ", " + categories + ", " + embedding);
            }
            categories = List.copyOf(categories);
        }

        /** One-hot width: the categories and the unknown slot. */
        public int width() {
            return categories.size() + 1;
        }

        /** The slot of {@code value}: its category's, or the unknown slot for a value not seen in training. */
        public int slot(String value) {
            int k = categories.indexOf(value);
            return k >= 0 ? k : categories.size();
        }
    }

    public StaticEncoding {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        center = center.clone();
        scale = scale.clone();
        if (center.length != numeric.size() || scale.length != numeric.size()) {
            throw new IllegalArgumentException("static encoding: " + numeric.size() + " numeric attributes need as many"
                    + " centers and scales; got " + center.length + " and " + scale.length);
        }
        for (int j = 0; j < scale.length; j++) {
            if (!Double.isFinite(center[j]) || !(scale[j] > 0) || !Double.isFinite(scale[j])) {
                throw new IllegalArgumentException("static attribute '" + numeric.get(j) + "' needs a finite center and a"
                        + " positive scale; got " + center[j] + " and " + scale[j]);
            }
        }
    }

    /** No static attributes. */
    public static final StaticEncoding NONE = new StaticEncoding(List.of(), new double[0], new double[0], List.of());

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaticEncoding e && numeric.equals(e.numeric) && Arrays.equals(center, e.center)
                && Arrays.equals(scale, e.scale) && categorical.equals(e.categorical);
    }

    @Override
    public int hashCode() {
        return (numeric.hashCode() * 31 + Arrays.hashCode(center)) * 31 + categorical.hashCode();
    }

    @Override
    public String toString() {
        return "StaticEncoding[numeric=" + numeric + ", center=" + Arrays.toString(center) + ", scale="
                + Arrays.toString(scale) + ", categorical=" + categorical + "]";
    }

    /** True when there is nothing to encode. */
    public boolean encodesNothing() {
        return numeric.isEmpty() && categorical.isEmpty();
    }

    /**
     * Fits the encoding of attributes {@code names} on the training series: numeric when every series' value is a
     * finite number, categorical otherwise.
     *
     * @throws IllegalArgumentException naming the series that lacks an attribute
     */
    public static StaticEncoding fit(List<String> names, List<TimeSeries> training) {
        List<String> numeric = new ArrayList<>();
        List<double[]> moments = new ArrayList<>();
        List<Categorical> categorical = new ArrayList<>();
        for (String name : names) {
            List<String> values = training.stream().map(s -> value(s, name)).toList();
            double[] numbers = values.stream().mapToDouble(StaticEncoding::number).toArray();
            if (Arrays.stream(numbers).allMatch(Double::isFinite)) {
                numeric.add(name);
                moments.add(moments(numbers));
            } else {
                List<String> categories = List.copyOf(new TreeSet<>(values));
                categorical.add(new Categorical(name, categories, Math.min(MAX_EMBEDDING, (categories.size() + 2) / 2)));
            }
        }
        return new StaticEncoding(numeric, moments.stream().mapToDouble(m -> m[0]).toArray(),
                moments.stream().mapToDouble(m -> m[1]).toArray(), categorical);
    }

    /** The standardised numeric attributes of {@code s}. */
    public float[] numericInput(TimeSeries s) {
        float[] out = new float[numeric.size()];
        for (int j = 0; j < out.length; j++) {
            String v = value(s, numeric.get(j));
            double x = number(v);
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("series '" + s.id() + "': static attribute '" + numeric.get(j)
                        + "' is '" + v + "', but the model was trained with numbers there; give a number");
            }
            out[j] = (float) ((x - center[j]) / scale[j]);
        }
        return out;
    }

    /** The one-hot slot of categorical attribute j of {@code s} (the unknown slot for an unseen value). */
    public int slot(int j, TimeSeries s) {
        Categorical c = categorical.get(j);
        return c.slot(value(s, c.name()));
    }

    /** A note listing the categorical values of {@code s} not seen in training, or null when there are none. */
    public String unknownNote(TimeSeries s) {
        List<String> unknown = new ArrayList<>();
        for (Categorical c : categorical) {
            String v = value(s, c.name());
            if (c.categories().indexOf(v) < 0) {
                unknown.add(c.name() + " '" + v + "'");
            }
        }
        return unknown.isEmpty() ? null : "static " + String.join(", ", unknown) + " not seen in training: forecast"
                + " with the learned embedding of an unknown category";
    }

    private static String value(TimeSeries s, String name) {
        String v = s.statics().get(name);
        if (v == null) {
            throw new IllegalArgumentException("series '" + s.id() + "' has no static attribute '" + name + "'; its"
                    + " static attributes are " + s.statics().keySet() + ". Every series needs a value for each static"
                    + " covariate of the model");
        }
        return v;
    }

    private static double number(String v) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Mean and standard deviation (population; 1 when the values do not vary). */
    private static double[] moments(double[] x) {
        double mean = Arrays.stream(x).sum() / x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / x.length);
        return new double[] {mean, sd > 0 && Double.isFinite(sd) ? sd : 1};
    }
}
