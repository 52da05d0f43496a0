package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.forecast.AffineScaler;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.onnx.proto.OnnxProto.TensorProto.DataType;

/**
 * The baked graph of a forecaster: what {@code FittedRnn.forecast} does around the network, for one series'
 * scalers, in ONNX operators. The arithmetic runs in float64 like {@code FittedRnn}'s; only the network runs in
 * float32, on inputs rounded once, as in Seqcast.
 * <pre>
 *   input            (B, W, F) float32 raw: target, covariates, calendar features (layout: {@link ForecastLayout})
 *   y = input[:, :, 0], c = input[:, :, 1..C], k = input[:, :, C+1..F)                  Cast to float64, Slice
 *   z = (g(y) − center) / scale                g: none | Log | Log(1 + y)               (B, W)    Log, Add, Sub, Div
 *   ℓ = z[:, W−1] (0 with anchor none)                                                  (B, 1)    Slice
 *   x = [z − ℓ, (c − center_c) / scale_c, k]                                            (B, W, F) Sub, Div, Concat, Cast
 *   direct:    ŷ = network(x) (B, H);  ẑ_k = a_k + ŷ_k
 *   recursive: for k = 0..H−1 (network emitted H times, weights shared): the window is the last W values of
 *              [z, ẑ_0..ẑ_{k−1}] with the calendar features of the same steps; ẑ_k = a_k + network(x)
 *   a_k:       last: ℓ of that window;  season: z[n − m + (k mod m)] (direct) or z[n + k − m] (recursive), a Gather
 *              (needs W ≥ m);  none: 0
 *   forecast = g⁻¹(ẑ · scale + center)         g⁻¹: none | Exp | Exp − 1               (B, H) float32   Mul, Add, Exp, Sub, Cast
 *   quantile network (direct): ŷ (B, H·Q) → quantiles (B, H, Q) by {@link QuantileGraph}, each anchored and
 *              taken back as above, output {@value #QUANTILES} (B, H, Q); forecast = its median (B, H)
 *   network on seasonally adjusted series ({@code FittedDecomposed}): a second input {@value #SEASONAL_INDICES}
 *              s (B, W + H), the seasonal index of each window position and forecast step; y above is the raw
 *              target divided by s[:, :W], and the forecast (and each quantile) is multiplied by s[:, W:]   Div, Mul
 * </pre>
 * The recursive strategy also takes {@code future_calendar} (B, H−1, K), the calendar features of the forecast
 * steps n .. n+H−2 (step n+H−1 never enters a window), when K &gt; 0 and H &gt; 1.
 * Not in the graph: padding a short history (repeat the first value at the front, as {@code Windows} does),
 * computing calendar features from time stamps, and the checks FittedRnn makes (a LOG transform of a value
 * ≤ 0 gives NaN or −∞ here instead of an error).
 */
final class ForecastGraph {
    static final String INPUT = "input";
    static final String FUTURE_CALENDAR = "future_calendar";
    static final String OUTPUT = "forecast";
    static final String QUANTILES = "quantiles";
    static final String SEASONAL_INDICES = "seasonal_indices";

    private final GraphBuilder g;
    private final FittedRnn model;
    private final ForecastLayout layout;
    private final SeriesScalers scalers;
    private final Network network;
    private final boolean adjusted;

    /**
     * A network's nodes, emitted on the batch-first input value {@code x} (B, W, F) with value names starting with
     * {@code prefix}; returns the batch-first output (B, H'·Q): {@link NetworkGraph#emit} for a Sequential,
     * {@link FunctionalGraph#emit(String, String)} for a graph encoder (the transformer's).
     */
    interface Network {
        String emit(String x, String prefix);
    }

    ForecastGraph(GraphBuilder g, FittedRnn model, ForecastLayout layout, SeriesScalers scalers, Network network) {
        this(g, model, layout, scalers, network, false);
    }

    /** As above; {@code adjusted}: the network reads seasonally adjusted values (the {@value #SEASONAL_INDICES} input). */
    ForecastGraph(GraphBuilder g, FittedRnn model, ForecastLayout layout, SeriesScalers scalers, Network network,
                  boolean adjusted) {
        this.g = g;
        this.model = model;
        this.layout = layout;
        this.scalers = scalers;
        this.network = network;
        this.adjusted = adjusted;
    }

    /** Throws when the baked graph cannot reproduce {@code FittedRnn.forecast} for this model. */
    static void requireBakeable(FittedRnn model) {
        RnnConfig c = model.config();
        if (c.anchor() == Anchor.SEASON && c.window() < model.seasonalPeriod()) {
            throw new OnnxExportException("cannot bake the season anchor of a window (" + c.window() + ") shorter than"
                    + " the season (" + model.seasonalPeriod() + "): the forecast starts from values one season back,"
                    + " outside the input window; export without baked scaling, or train with a window of at least "
                    + model.seasonalPeriod());
        }
    }

    /** Declares the inputs, emits the graph and declares the output {@value #OUTPUT}. */
    void emit() {
        int w = layout.window();
        int c = layout.covariates().size();
        int k = layout.calendar().size();
        int f = layout.features();
        g.input(INPUT, DataType.FLOAT, "batch", w, f);
        String indices = null;
        if (adjusted) {
            g.input(SEASONAL_INDICES, DataType.FLOAT, "batch", w + layout.horizon());
            indices = g.cast(SEASONAL_INDICES, DataType.DOUBLE, "indices_f64");
        }
        String x = g.cast(INPUT, DataType.DOUBLE, "raw");
        String y = g.squeeze(g.slice(x, 2, 0, 1, "raw_target"), 2, "raw_target_2d");                     // (B, W)
        if (adjusted) {                                                                                    // y / s
            y = g.node("Div", "adjusted_target", List.of(y, g.slice(indices, 1, 0, w, "window_indices")));
        }
        String z = targetToModel(y);
        String covariates = c == 0 ? null : scaledCovariates(g.slice(x, 2, 1, 1 + c, "raw_covariates"));
        String calendar = k == 0 ? null : g.slice(x, 2, 1 + c, f, "calendar");
        String zhat = model.config().strategy() == Strategy.DIRECT
                ? direct(z, covariates, calendar)
                : recursive(z, calendar);
        String values = targetFromModel(zhat);
        if (adjusted) {                                                                                    // · s
            String s = g.slice(indices, 1, w, w + layout.horizon(), "forecast_indices");                  // (B, H)
            values = g.node("Mul", "reseasonalised", List.of(values,
                    model.config().hasQuantiles() ? g.unsqueeze(s, 2, "forecast_indices_per_quantile") : s));
        }
        if (!model.config().hasQuantiles()) {
            declare(g.cast(values, DataType.FLOAT, OUTPUT), OUTPUT, layout.horizon());
            return;
        }
        int m = model.config().quantileMap().anchor();
        String median = g.squeeze(g.slice(values, 2, m, m + 1, "median"), 2, "median_2d");
        declare(g.cast(median, DataType.FLOAT, OUTPUT), OUTPUT, layout.horizon());                  // first output
        declare(g.cast(values, DataType.FLOAT, QUANTILES), QUANTILES, layout.horizon(), model.config().outputsPerStep());
    }

    /** Declares {@code value} the graph output {@code name} (batch, dims...). */
    private void declare(String value, String name, Object... dims) {
        if (!value.equals(name)) {
            throw new IllegalStateException("output name taken: " + value);
        }
        Object[] all = new Object[dims.length + 1];
        all[0] = "batch";
        System.arraycopy(dims, 0, all, 1, dims.length);
        g.output(name, DataType.FLOAT, all);
    }

    private String direct(String z, String covariates, String calendar) {
        int w = layout.window();
        String level = level(z, 0);
        String yhat = g.cast(network.emit(networkInput(z, level, covariates, calendar), ""), DataType.DOUBLE, "yhat");
        boolean quantiles = model.config().hasQuantiles();
        if (quantiles) {
            yhat = QuantileGraph.emit(g, yhat, layout.horizon(), model.config().quantileMap());   // (B, H, Q)
            level = level == null ? null : g.unsqueeze(level, 2, "level_per_quantile");         // (B, 1, 1)
        }
        return switch (model.config().anchor()) {
            case NONE -> yhat;
            case LAST -> g.node("Add", "zhat", List.of(yhat, level));
            case SEASON -> {
                int m = model.seasonalPeriod();
                long[] idx = new long[layout.horizon()];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = w - m + k % m;                                   // z_{n − m + (k mod m)}, window-relative
                }
                String seasonal = g.node("Gather", "seasonal_naive", List.of(z, g.longs("season_index", idx)),
                        GraphBuilder.intAttr("axis", 1));
                if (quantiles) {
                    seasonal = g.unsqueeze(seasonal, 2, "seasonal_per_quantile");                  // (B, H, 1)
                }
                yield g.node("Add", "zhat", List.of(yhat, seasonal));
            }
        };
    }

    private String recursive(String z, String calendar) {
        int w = layout.window();
        int h = layout.horizon();
        String calendarAll = calendar;
        if (calendar != null && h > 1) {
            g.input(FUTURE_CALENDAR, DataType.FLOAT, "batch", h - 1, layout.calendar().size());
            String future = g.cast(FUTURE_CALENDAR, DataType.DOUBLE, "future_calendar_f64");
            calendarAll = g.node("Concat", "calendar_all", List.of(calendar, future), GraphBuilder.intAttr("axis", 1));
        }
        String zAll = z;                                                        // (B, W + k): z, then ẑ_0..ẑ_{k−1}
        List<String> steps = new ArrayList<>();
        for (int k = 0; k < h; k++) {
            String p = "step" + k + "_";
            String zw = k == 0 ? z : g.slice(zAll, 1, k, k + w, p + "window");
            String cal = calendar == null ? null : k == 0 ? calendar : g.slice(calendarAll, 1, k, k + w, p + "calendar");
            String level = level(zw, k);
            String yhat = g.cast(network.emit(networkInput(zw, level, null, cal), p), DataType.DOUBLE, p + "yhat");
            String anchored = switch (model.config().anchor()) {
                case NONE -> yhat;
                case LAST -> g.node("Add", p + "zhat", List.of(yhat, level));
                case SEASON -> g.node("Add", p + "zhat", List.of(yhat, g.node("Gather", p + "seasonal_naive",
                        List.of(zAll, g.longs(p + "season_index", w + k - model.seasonalPeriod())),
                        GraphBuilder.intAttr("axis", 1))));
            };
            steps.add(anchored);
            if (k + 1 < h) {
                zAll = g.node("Concat", p + "z_grown", List.of(zAll, anchored), GraphBuilder.intAttr("axis", 1));
            }
        }
        return steps.size() == 1 ? steps.get(0) : g.node("Concat", "zhat", steps, GraphBuilder.intAttr("axis", 1));
    }

    /** ℓ = z[:, W−1] (B, 1), or null with anchor none. */
    private String level(String window, int step) {
        int w = layout.window();
        return model.config().anchor() == Anchor.NONE ? null : g.slice(window, 1, w - 1, w, "step" + step + "_level");
    }

    /** [z − ℓ, covariates, calendar] as float32 (B, W, F). */
    private String networkInput(String z, String level, String covariates, String calendar) {
        String rel = level == null ? z : g.node("Sub", "relative", List.of(z, level));
        List<String> parts = new ArrayList<>();
        parts.add(g.unsqueeze(rel, 2, "target_feature"));
        if (covariates != null) {
            parts.add(covariates);
        }
        if (calendar != null) {
            parts.add(calendar);
        }
        String x = parts.size() == 1 ? parts.get(0) : g.node("Concat", "features", parts, GraphBuilder.intAttr("axis", 2));
        return g.cast(x, DataType.FLOAT, "network_input");
    }

    /** z = (g(y) − center) / scale. */
    private String targetToModel(String y) {
        String t = switch (scalers.transform()) {
            case NONE -> y;
            case LOG -> g.node("Log", "log_target", List.of(y));
            case LOG1P -> g.node("Log", "log1p_target", List.of(g.node("Add", "one_plus_target", List.of(y, scalar("one", 1)))));
        };
        AffineScaler s = scalers.target();
        return g.node("Div", "z", List.of(g.node("Sub", "centered", List.of(t, scalar("target_center", s.center()))),
                scalar("target_scale", s.scale())));
    }

    /** g⁻¹(ẑ · scale + center). */
    private String targetFromModel(String zhat) {
        AffineScaler s = scalers.target();
        String v = g.node("Add", "unscaled", List.of(g.node("Mul", "rescaled", List.of(zhat, scalar("target_scale_out", s.scale()))),
                scalar("target_center_out", s.center())));
        TargetTransform t = scalers.transform();
        return switch (t) {
            case NONE -> v;
            case LOG -> g.node("Exp", "exp", List.of(v));
            case LOG1P -> g.node("Sub", "expm1", List.of(g.node("Exp", "exp", List.of(v)), scalar("one_out", 1)));
        };
    }

    /** (c − center_j) / scale_j per covariate column j, (B, W, C). */
    private String scaledCovariates(String raw) {
        List<AffineScaler> cs = scalers.covariates();
        double[] centers = new double[cs.size()];
        double[] scales = new double[cs.size()];
        for (int j = 0; j < cs.size(); j++) {
            centers[j] = cs.get(j).center();
            scales[j] = cs.get(j).scale();
        }
        String centered = g.node("Sub", "covariates_centered", List.of(raw, g.doubles("covariate_centers", centers, centers.length)));
        return g.node("Div", "covariates_scaled", List.of(centered, g.doubles("covariate_scales", scales, scales.length)));
    }

    private String scalar(String hint, double v) {
        return g.doubles(hint, new double[] {v});
    }
}
