package org.seqcast.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.seqcast.Seqcast;
import org.seqcast.forecast.AffineScaler;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.nn.Graph;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Sequential;

/**
 * The keys of the {@code metadata_props} an exported model carries (ONNX Runtime:
 * {@code OrtSession.getMetadata().getCustomMetadata()}). Values are strings; lists and the scalers are JSON.
 * <pre>
 *   every model
 *     seqcast.version            the Seqcast version that exported it
 *     seqcast.kind               "network" or "forecaster"
 *     seqcast.architecture       the layers, e.g. "LSTM(8, returnSequences=true); Dropout(0.1); Dense(3)"; for a
 *                                Graph its nodes, e.g. "x = input[] -> (24, 3); lstm = LSTM(16)[x] -> (16); ..."
 *     seqcast.inputs             what each graph input holds (name, type, shape, meaning)
 *     seqcast.outputs            what the graph output holds
 *     seqcast.baked_scaling      "true" or "false"
 *   forecasters
 *     seqcast.horizon            H
 *     seqcast.window             W
 *     seqcast.network_outputs    H (direct), H·Q (a quantile network of Q levels) or 1 (recursive)
 *     seqcast.strategy           direct | recursive
 *     seqcast.anchor             last | season | none
 *     seqcast.transform          none | log | log1p
 *     seqcast.scaling            standard | minmax | robust | none
 *     seqcast.frequency          e.g. monthly
 *     seqcast.seasonal_period    m
 *     seqcast.target             the target column's name
 *     seqcast.covariates         JSON array of covariate column names, in feature order
 *     seqcast.calendar_features  JSON array, e.g. ["month_sin","month_cos"]
 *     seqcast.features           JSON array of the F input features in order: target, covariates, calendar
 *     seqcast.series             JSON array of the training series ids
 *     seqcast.scalers            JSON {"id": {"transform": "log", "target": {"center": c, "scale": s},
 *                                 "covariates": {"name": {"center": c, "scale": s}, ...}}, ...}
 *     seqcast.baked_series       with baked scaling: the series whose scalers the graph holds
 *     seqcast.quantiles          a quantile network's levels, JSON array, e.g. [0.1,0.5,0.9]
 * </pre>
 */
public final class OnnxMetadata {
    public static final String VERSION = "seqcast.version";
    public static final String KIND = "seqcast.kind";
    public static final String ARCHITECTURE = "seqcast.architecture";
    public static final String INPUTS = "seqcast.inputs";
    public static final String OUTPUTS = "seqcast.outputs";
    public static final String BAKED_SCALING = "seqcast.baked_scaling";
    public static final String HORIZON = "seqcast.horizon";
    public static final String WINDOW = "seqcast.window";
    public static final String NETWORK_OUTPUTS = "seqcast.network_outputs";
    public static final String STRATEGY = "seqcast.strategy";
    public static final String ANCHOR = "seqcast.anchor";
    public static final String TRANSFORM = "seqcast.transform";
    public static final String SCALING = "seqcast.scaling";
    public static final String FREQUENCY = "seqcast.frequency";
    public static final String SEASONAL_PERIOD = "seqcast.seasonal_period";
    public static final String TARGET = "seqcast.target";
    public static final String COVARIATES = "seqcast.covariates";
    public static final String CALENDAR_FEATURES = "seqcast.calendar_features";
    public static final String FEATURES = "seqcast.features";
    public static final String SERIES = "seqcast.series";
    public static final String SCALERS = "seqcast.scalers";
    public static final String BAKED_SERIES = "seqcast.baked_series";
    /** A quantile network's levels, a JSON array (absent for a point network). */
    public static final String QUANTILES = "seqcast.quantiles";
    /** The future-known covariates a forecaster's decoder reads, in input order (JSON array). */
    public static final String FUTURE_COVARIATES = "seqcast.future_covariates";
    /**
     * How the static attributes become inputs (JSON: numeric names with center and scale; categorical names with
     * their categories, in one-hot order, the last slot unknown).
     */
    public static final String STATIC_ENCODING = "seqcast.static_encoding";

    /**
     * A network on seasonally adjusted series ({@code FittedDecomposed}, e.g. lstm-deseason), JSON: {@code rule}, how
     * the index of a position follows from a series' entry, and {@code series}: per training series id its
     * {@code start} label, {@code length} n and {@code indices}, the last season's m indices, oldest first (empty:
     * not adjusted, every index 1).
     */
    public static final String SEASONAL_ADJUSTMENT = "seqcast.seasonal_adjustment";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxMetadata() {
    }

    /** The entries every model carries. */
    static Map<String, String> network(Sequential network, String kind, String inputs, String outputs, boolean baked) {
        return common(network.layers().stream().map(Layer::toString).collect(Collectors.joining("; ")), kind, inputs,
                outputs, baked);
    }

    /** The entries every model carries, for a {@link Graph} network: its architecture is its nodes. */
    static Map<String, String> network(Graph network, String kind, String inputs, String outputs, boolean baked) {
        return common(network.nodes().stream().map(Graph.Node::toString).collect(Collectors.joining("; ")), kind,
                inputs, outputs, baked);
    }

    private static Map<String, String> common(String architecture, String kind, String inputs, String outputs,
                                              boolean baked) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VERSION, Seqcast.version());
        m.put(KIND, kind);
        m.put(ARCHITECTURE, architecture);
        m.put(INPUTS, inputs);
        m.put(OUTPUTS, outputs);
        m.put(BAKED_SCALING, String.valueOf(baked));
        return m;
    }

    /** The entries of a forecaster, added to {@code m}. */
    static void forecaster(Map<String, String> m, FittedRnn model, ForecastLayout layout, String bakedSeries) {
        RnnConfig c = model.config();
        m.put(HORIZON, String.valueOf(c.horizon()));
        m.put(WINDOW, String.valueOf(c.window()));
        m.put(NETWORK_OUTPUTS, String.valueOf(layout.networkOutputs()));
        m.put(STRATEGY, c.strategy().name().toLowerCase(Locale.ROOT));
        m.put(ANCHOR, c.anchor().label());
        m.put(TRANSFORM, c.transform().label());
        m.put(SCALING, c.scaling().name().toLowerCase(Locale.ROOT));
        m.put(FREQUENCY, model.frequency().label());
        m.put(SEASONAL_PERIOD, String.valueOf(model.seasonalPeriod()));
        m.put(TARGET, layout.target());
        m.put(COVARIATES, array(c.inputCovariates()));
        if (c.conditioned()) {
            m.put(FUTURE_COVARIATES, array(c.futureCovariates()));
            m.put(STATIC_ENCODING, staticEncoding(model.statics()));
        }
        m.put(CALENDAR_FEATURES, array(layout.calendar()));
        m.put(FEATURES, array(layout.featureNames()));
        m.put(SERIES, array(List.copyOf(model.scalers().keySet())));
        m.put(SCALERS, scalers(model.scalers(), c.inputCovariates()));
        if (bakedSeries != null) {
            m.put(BAKED_SERIES, bakedSeries);
        }
        if (c.hasQuantiles()) {
            ArrayNode levels = JSON.createArrayNode();
            c.quantiles().forEach(levels::add);
            m.put(QUANTILES, write(levels));
        }
    }

    private static String staticEncoding(org.seqcast.forecast.StaticEncoding e) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode numeric = root.putObject("numeric");
        for (int j = 0; j < e.numeric().size(); j++) {
            ObjectNode n = numeric.putObject(e.numeric().get(j));
            n.put("center", e.center()[j]);
            n.put("scale", e.scale()[j]);
        }
        ObjectNode categorical = root.putObject("categorical");
        e.categorical().forEach(c -> {
            ArrayNode categories = categorical.putObject(c.name()).putArray("categories");
            c.categories().forEach(categories::add);
        });
        return write(root);
    }

    /** The {@link #SEASONAL_ADJUSTMENT} entry of a hybrid's adjustments. */
    static String seasonalAdjustment(org.seqcast.forecast.FittedDecomposed hybrid) {
        ObjectNode root = JSON.createObjectNode();
        root.put("rule", "position t counts from the series' start (0-based); its index is s_t = indices[(t - (length"
                + " - m)) mod m]; the network reads y_t / s_t and the forecast of position n + k (and each of its"
                + " quantiles) is multiplied by s_(n+k); a series with no indices (or not listed) is not adjusted");
        ObjectNode series = root.putObject("series");
        hybrid.adjustments().forEach((id, a) -> {
            ObjectNode one = series.putObject(id);
            one.put("start", a.start());
            one.put("length", a.length());
            ArrayNode indices = one.putArray("indices");
            for (double v : a.indices()) {
                indices.add(v);
            }
        });
        return write(root);
    }

        private static String array(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return write(a);
    }

    private static String scalers(Map<String, SeriesScalers> scalers, List<String> covariates) {
        ObjectNode root = JSON.createObjectNode();
        scalers.forEach((id, s) -> {
            ObjectNode series = root.putObject(id);
            series.put("transform", s.transform().label());
            affine(series.putObject("target"), s.target());
            ObjectNode cov = series.putObject("covariates");
            for (int j = 0; j < covariates.size(); j++) {
                affine(cov.putObject(covariates.get(j)), s.covariates().get(j));
            }
        });
        return write(root);
    }

    private static void affine(ObjectNode node, AffineScaler s) {
        node.put("center", s.center());
        node.put("scale", s.scale());
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metadata JSON", e);
        }
    }
}
