package org.seqcast.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seqcast.Seqcast;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.Strategy;
import org.seqcast.nn.Graph;
import org.seqcast.nn.Sequential;
import org.seqcast.onnx.proto.OnnxProto.GraphProto;
import org.seqcast.onnx.proto.OnnxProto.ModelProto;
import org.seqcast.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.seqcast.onnx.proto.OnnxProto.StringStringEntryProto;
import org.seqcast.onnx.proto.OnnxProto.TensorProto.DataType;

/**
 * Writes a Seqcast network or trained forecaster as an ONNX model (IR version {@value #IR_VERSION}, opset
 * {@value #OPSET}), which ONNX Runtime and other ONNX engines run without Seqcast. The layer mapping is in
 * {@link NetworkGraph}, the gate reordering in {@link RecurrentWeights}, the baked forecaster in
 * {@link ForecastGraph}, the metadata keys in {@link OnnxMetadata}; docs/ONNX.md has the whole picture.
 *
 * <p>What the graph takes and returns (all float32, batch-first; "batch" and "time" are symbolic dimensions):
 * <pre>
 *   network                      input (batch, time, F) -> output (batch, O), or (batch, time, O) when the
 *                                last layer returns sequences (output_time instead of time when a layer changes
 *                                the length: strided or valid convolutions and poolings; the number n after a
 *                                RepeatVector(n)); a Dense-first network built for (F) takes (batch, F)
 *   Graph network                one input per INPUT node, named as the node: (batch, T, F) for a sequence,
 *                                (batch, F) for a vector -> one output per graph output, named as the output:
 *                                (batch, F) or (batch, T, F); see {@link #toBytes(Graph, OnnxExportOptions)}
 *   forecaster                   input (batch, W, F) model units, Windows' layout -> output (batch, H') model
 *                                units (H' = H direct, 1 recursive); W fixed by the model
 *   forecaster, baked scaling    input (batch, W, F) raw values [target, covariates, calendar features]
 *                                (+ future_calendar (batch, H−1, K) for a recursive model with calendar features)
 *                                -> forecast (batch, H) in the series' units, as FittedRnn.forecast gives
 *   quantile network (Q levels)  as a forecaster, the network's raw output (batch, H·Q), plus quantiles
 *                                (batch, H, Q) in model units relative to the anchor (the non-crossing map,
 *                                {@link QuantileGraph}); baked: forecast (batch, H) the median and quantiles
 *                                (batch, H, Q) in the series' units
 * </pre>
 *
 * <p><b>What cannot be exported</b> (an {@link OnnxExportException} says which and why):
 * <ul>
 *   <li>layers other than LSTM, GRU, SimpleRNN, Dense, Dropout, Bidirectional, RepeatVector, Conv1D, MaxPooling1D,
 *       AveragePooling1D, GlobalAveragePooling1D and Flatten (a user subclass of {@code Layer} has no
 *       known math), a model that is not built, and non-finite weights;</li>
 *   <li>a non-zero initial state (the graph starts from zeros, as {@code Sequential.predict} does; streaming
 *       with {@code Stepper} has no ONNX form here);</li>
 *   <li>baked scaling of a bare network (it has no scalers), or for a series the model was not trained on
 *       (FittedRnn fits such a series' scalers on its history at forecast time; bake a trained series, or
 *       export without baking and scale outside with the formula in the metadata);</li>
 *   <li>baked scaling with the season anchor when the window is shorter than the season (the anchor needs
 *       values before the window).</li>
 * </ul>
 * Outside the baked graph in every case: padding histories shorter than the window and computing calendar
 * features from time stamps.
 */
public final class OnnxExport {
    /** The ONNX opset the graphs use (LSTM, GRU and RNN version 14, Squeeze/Slice with axes as inputs). */
    public static final int OPSET = 14;
    /** The IR version written (ONNX 1.10–1.12). */
    public static final long IR_VERSION = 8;
    /** Names of the plain graph's input and output. */
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    /** Name of a quantile network's quantile output (plain and baked graphs). */
    public static final String QUANTILES = ForecastGraph.QUANTILES;
    /** Name of the baked graph's seasonal index input, for a network on seasonally adjusted series. */
    public static final String SEASONAL_INDICES = ForecastGraph.SEASONAL_INDICES;

    private OnnxExport() {
    }

    /**
     * Writes {@code network} to {@code out} (atomically: a temporary file in the same directory replaces it).
     *
     * @throws OnnxExportException   when the network or the options cannot be exported (see the class comment)
     * @throws UncheckedIOException  when the file cannot be written
     */
    public static void export(Sequential network, OnnxExportOptions options, Path out) {
        write(toBytes(network, options), out);
    }

    /** Writes a trained forecaster to {@code out}; see {@link #export(Sequential, OnnxExportOptions, Path)}. */
    public static void export(FittedRnn model, OnnxExportOptions options, Path out) {
        write(toBytes(model, options), out);
    }

    /** Writes a network on seasonally adjusted series to {@code out}; see {@link #toBytes(FittedDecomposed, OnnxExportOptions)}. */
    public static void export(FittedDecomposed model, OnnxExportOptions options, Path out) {
        write(toBytes(model, options), out);
    }

    /**
     * Writes a {@link Graph} network to {@code out} (atomically); see {@link #toBytes(Graph, OnnxExportOptions)}.
     *
     * @throws OnnxExportException   when the graph or the options cannot be exported
     * @throws UncheckedIOException  when the file cannot be written
     */
    public static void export(Graph network, OnnxExportOptions options, Path out) {
        write(toBytes(network, options), out);
    }

    /** The ONNX bytes of {@code network}. */
    public static byte[] toBytes(Sequential network, OnnxExportOptions options) {
        return model(network, options).toByteArray();
    }

    /** The ONNX bytes of a trained forecaster. */
    public static byte[] toBytes(FittedRnn model, OnnxExportOptions options) {
        return model(model, options, false).toByteArray();
    }

    /**
     * The ONNX bytes of a network on seasonally adjusted series (a hybrid, e.g. lstm-deseason): its network's graph
     * as {@link #toBytes(FittedRnn, OnnxExportOptions)} writes it, with every series' seasonal indices in the
     * metadata ({@link OnnxMetadata#SEASONAL_ADJUSTMENT}). Unbaked, the input is the network's, in model units of
     * the adjusted series (divide the target by its indices before the transform and scaling, multiply the
     * forecasts back). Baked for an adjusted series, the graph also takes {@value #SEASONAL_INDICES}
     * (batch, W + H), the index of each window position and forecast step, and returns forecasts in the series'
     * units, as {@code FittedDecomposed.forecast} gives them; a baked series that was not adjusted gets the
     * network's baked graph alone.
     */
    public static byte[] toBytes(FittedDecomposed model, OnnxExportOptions options) {
        FittedRnn network = model.network();
        boolean adjusted = false;
        if (options.bakeScaling()) {
            FittedDecomposed.Adjustment a = model.adjustments().get(seriesToBake(network, options.seriesId()));
            adjusted = a != null && a.adjusted();
        }
        return model(network, options, adjusted).toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(OnnxMetadata.SEASONAL_ADJUSTMENT)
                        .setValue(OnnxMetadata.seasonalAdjustment(model)))
                .build().toByteArray();
    }

    /**
     * The ONNX bytes of a {@link Graph} network (the functional API), which computes what {@link Graph#predict}
     * does (to float32 rounding), from zero initial states and with Dropout as the identity.
     * <ul>
     *   <li>Inputs: one per {@link Graph#inputs()} node, in that order, named as the node, float32, batch-first:
     *       a sequence node of shape (T, F) is {@code [batch, T, F]} (T fixed, or the symbolic {@code "time"} for
     *       an any-length sequence when the graph has one such input, {@code "<input>_time"} when it has
     *       several); a vector node of shape (F) is {@code [batch, F]}. Every input must be fed, with one batch
     *       size ({@code "batch"}, symbolic).</li>
     *   <li>Outputs: one per {@link Graph#outputs()}, in that order, named as the output (not as the node it
     *       reads), float32 {@code [batch, F]}, or {@code [batch, T, F]} when its node is a sequence.</li>
     *   <li>Metadata ({@link OnnxMetadata}): kind {@code network}, the architecture as the graph's nodes, the
     *       inputs and outputs above; {@code options.targetName()} is not used.</li>
     * </ul>
     *
     * @throws OnnxExportException when a node the outputs depend on holds a layer with no ONNX mapping or a
     *                             non-finite weight (the message names the node and layer), when an output has an
     *                             input's name, or when {@code options} asks for baked scaling (a bare graph has
     *                             no scalers)
     */
    public static byte[] toBytes(Graph network, OnnxExportOptions options) {
        return model(network, options).toByteArray();
    }

    static ModelProto model(Graph network, OnnxExportOptions options) {
        if (options.bakeScaling()) {
            throw new OnnxExportException("a Graph network has no scalers to bake; leave bakeScaling off and scale"
                    + " its inputs outside the graph");
        }
        GraphBuilder g = new GraphBuilder("seqcast_graph");
        FunctionalGraph graph = new FunctionalGraph(network, g);
        graph.emit();
        String inputs = graph.describeInputs() + "; batch-first, by name, as Graph.predict takes";
        String outputs = graph.describeOutputs() + "; batch-first, by name, as Graph.predict returns";
        return wrap(g, OnnxMetadata.network(network, "network", inputs, outputs, false));
    }

    static ModelProto model(Sequential network, OnnxExportOptions options) {
        if (options.bakeScaling()) {
            throw new OnnxExportException("a bare network has no scalers to bake; export a FittedRnn for baked"
                    + " scaling, or leave bakeScaling off");
        }
        NetworkGraph.requireSupported(network);
        GraphBuilder g = new GraphBuilder("seqcast_network");
        int[] in = network.inputShape();
        int[] out = network.outputShape();
        Object[] inDims = in.length == 2 ? new Object[] {"batch", "time", in[1]} : new Object[] {"batch", in[0]};
        Object[] outDims = out.length == 2
                ? new Object[] {"batch", NetworkGraph.outputTime(network), out[1]}
                : new Object[] {"batch", out[0]};
        plainGraph(g, network, inDims, outDims);
        String inputs = INPUT + ": float32 " + dims(inDims) + ", batch-first, as Sequential.predict takes";
        String outputs = OUTPUT + ": float32 " + dims(outDims) + ", as Sequential.predict returns";
        return wrap(g, OnnxMetadata.network(network, "network", inputs, outputs, false));
    }

    /** {@code adjusted}: baked, the network reads seasonally adjusted values ({@value #SEASONAL_INDICES}). */
    static ModelProto model(FittedRnn model, OnnxExportOptions options, boolean adjusted) {
        if (model.network() instanceof org.seqcast.forecast.RnnNetwork.Conditioned c) {
            return options.bakeScaling() && !model.config().conditioned()
                    ? bakedGraph(model, c.graph(), options, adjusted)
                    : conditioned(model, c.graph(), options);
        }
        Sequential network = model.model();
        NetworkGraph.requireSupported(network);
        ForecastLayout layout = ForecastLayout.of(model, options.targetName());
        GraphBuilder g = new GraphBuilder("seqcast_forecaster");
        String features = String.join(", ", layout.featureNames());
        Map<String, String> meta;
        String bakedSeries = null;
        if (options.bakeScaling()) {
            bakedSeries = seriesToBake(model, options.seriesId());
            ForecastGraph.requireBakeable(model);
            SeriesScalers scalers = model.scalers().get(bakedSeries);
            new ForecastGraph(g, model, layout, scalers, new NetworkGraph(network, g)::emit, adjusted).emit();
            meta = OnnxMetadata.network(network, "forecaster", bakedInputs(model, layout, adjusted),
                    bakedOutputs(model, layout, bakedSeries), true);
        } else {
            Object[] inDims = {"batch", layout.window(), layout.features()};
            Object[] outDims = {"batch", layout.networkOutputs()};
            plainGraph(g, network, inDims, outDims);
            String inputs = INPUT + ": float32 " + dims(inDims) + ", features [" + features + "]: the target"
                    + " transformed, scaled and minus the window's last value (unless anchor none), covariates scaled"
                    + " (seqcast.scalers), calendar features as they are";
            String outputs = OUTPUT + ": float32 " + dims(outDims) + ", model units relative to the anchor"
                    + " (seqcast.anchor): forecast = g^-1((anchor + output) * scale + center)";
            if (model.config().hasQuantiles()) {
                outputs = OUTPUT + ": float32 " + dims(outDims) + ", the network's raw outputs, H·Q; "
                        + quantilesOutput(g, model, OUTPUT, layout.horizon()) + " (seqcast.quantiles, non-crossing) in"
                        + " model units relative to the anchor (seqcast.anchor): quantile = g^-1((anchor + quantiles)"
                        + " * scale + center)";
            }
            meta = OnnxMetadata.network(network, "forecaster", inputs, outputs, false);
        }
        OnnxMetadata.forecaster(meta, model, layout, bakedSeries);
        return wrap(g, meta);
    }

    /** The baked graph's inputs for the metadata: the raw window, and the recursive strategy's future calendar. */
    private static String bakedInputs(FittedRnn model, ForecastLayout layout, boolean adjusted) {
        boolean future = model.config().strategy() != Strategy.DIRECT
                && !layout.calendar().isEmpty() && layout.horizon() > 1;
        return ForecastGraph.INPUT + ": float32 [batch, " + layout.window() + ", " + layout.features()
                + "], raw values of the last " + layout.window() + " points, features ["
                + String.join(", ", layout.featureNames()) + "]"
                + (future ? "; " + ForecastGraph.FUTURE_CALENDAR + ": float32 [batch, " + (layout.horizon() - 1)
                + ", " + layout.calendar().size() + "], the calendar features of the first " + (layout.horizon() - 1)
                + " forecast steps" : "")
                + (adjusted ? "; " + SEASONAL_INDICES + ": float32 [batch, " + (layout.window() + layout.horizon())
                + "], the seasonal index of each window position, then of each forecast step ("
                + OnnxMetadata.SEASONAL_ADJUSTMENT + ")" : "");
    }

    /** The baked graph's outputs for the metadata: the forecasts in the series' units, and their quantiles. */
    private static String bakedOutputs(FittedRnn model, ForecastLayout layout, String bakedSeries) {
        return ForecastGraph.OUTPUT + ": float32 [batch, " + layout.horizon()
                + "], the forecasts of the next " + layout.horizon() + " points in the series' units (series '"
                + bakedSeries + "')" + (model.config().hasQuantiles() ? "; " + QUANTILES + ": float32 [batch, "
                + layout.horizon() + ", " + model.config().outputsPerStep() + "], their quantiles at the levels "
                + model.config().quantiles() + " (seqcast.quantiles); the forecast is the median" : "");
    }

    /**
     * A forecaster whose network is a graph encoder read by the head alone (the transformer's, without
     * covariates), with baked scaling: {@link ForecastGraph} around the graph as around a Sequential's layers.
     */
    private static ModelProto bakedGraph(FittedRnn model, Graph network, OnnxExportOptions options, boolean adjusted) {
        String bakedSeries = seriesToBake(model, options.seriesId());
        ForecastGraph.requireBakeable(model);
        ForecastLayout layout = ForecastLayout.of(model, options.targetName());
        GraphBuilder g = new GraphBuilder("seqcast_forecaster");
        new ForecastGraph(g, model, layout, model.scalers().get(bakedSeries), new FunctionalGraph(network, g)::emit,
                adjusted).emit();
        Map<String, String> meta = OnnxMetadata.network(network, "forecaster", bakedInputs(model, layout, adjusted),
                bakedOutputs(model, layout, bakedSeries), true);
        OnnxMetadata.forecaster(meta, model, layout, bakedSeries);
        return wrap(g, meta);
    }

    /**
     * A forecaster whose network is a graph (a decoder for future-known and static covariates, or the transformer's
     * encoder, {@link org.seqcast.forecast.RnnConfig#graphNetwork}): its graph with the inputs
     * named as the forecaster feeds them ({@code x}, {@code future}, {@code static}, {@code static_<name>}), in
     * model units as the unbaked plain export, plus the forecaster's metadata and the roles
     * ({@link OnnxMetadata#FUTURE_COVARIATES}, {@link OnnxMetadata#STATIC_ENCODING}).
     */
    private static ModelProto conditioned(FittedRnn model, Graph network, OnnxExportOptions options) {
        if (options.bakeScaling()) {
            throw new OnnxExportException("baked scaling covers networks that read only their window; a network with"
                    + " future-known or static covariates " + model.config().futureCovariates() + " / "
                    + model.config().staticCovariates() + " exports unbaked: scale its inputs as seqcast.scalers says");
        }
        ForecastLayout layout = ForecastLayout.of(model, options.targetName());
        GraphBuilder g = new GraphBuilder("seqcast_forecaster");
        FunctionalGraph graph = new FunctionalGraph(network, g);
        graph.emit();
        String inputs = graph.describeInputs() + "; batch-first: " + org.seqcast.forecast.RnnForecaster.INPUT
                + " the window, features [" + String.join(", ", layout.featureNames()) + "] as the plain export's"
                + " input" + (!model.config().conditioned() ? "" : "; " + org.seqcast.forecast.RnnForecaster.FUTURE
                + " per forecast step the scaled future-known covariates " + model.config().futureCovariates()
                + " then the calendar features " + layout.calendar() + "; " + org.seqcast.forecast.RnnForecaster.STATIC
                + " the standardised numeric static attributes; static_<name> one-hot categories with a last unknown"
                + " slot (seqcast.static_encoding)");
        String outputs = graph.describeOutputs() + ", model units relative to the anchor (seqcast.anchor):"
                + " forecast = g^-1((anchor + output) * scale + center)";
        if (model.config().hasQuantiles()) {
            outputs += "; " + quantilesOutput(g, model, org.seqcast.forecast.RnnForecaster.OUTPUT, layout.horizon())
                    + " (non-crossing) in the same units";
        }
        Map<String, String> meta = OnnxMetadata.network(network, "forecaster", inputs, outputs, false);
        OnnxMetadata.forecaster(meta, model, layout, null);
        return wrap(g, meta);
    }

    /**
     * Adds the {@value #QUANTILES} output: a quantile network's raw output {@code raw} (H·Q) through its
     * non-crossing map ({@link QuantileGraph}), computed in double; returns its description for the metadata.
     */
    private static String quantilesOutput(GraphBuilder g, FittedRnn model, String raw, int h) {
        int nq = model.config().outputsPerStep();
        String q = g.cast(QuantileGraph.emit(g, g.cast(raw, DataType.DOUBLE, "raw_f64"), h,
                model.config().quantileMap()), DataType.FLOAT, QUANTILES);
        if (!q.equals(QUANTILES)) {
            throw new IllegalStateException("output name taken: " + q);
        }
        g.output(QUANTILES, DataType.FLOAT, "batch", h, nq);
        return QUANTILES + ": float32 [batch, " + h + ", " + nq + "], the quantiles at the levels "
                + model.config().quantiles();
    }

    /** input -> network -> output, for the plain (unbaked) graphs. */
    private static void plainGraph(GraphBuilder g, Sequential network, Object[] inDims, Object[] outDims) {
        g.input(INPUT, DataType.FLOAT, inDims);
        String y = new NetworkGraph(network, g).emit(INPUT, "");
        String out = g.node("Identity", OUTPUT, List.of(y));
        if (!out.equals(OUTPUT)) {
            throw new IllegalStateException("output name taken: " + out);
        }
        g.output(OUTPUT, DataType.FLOAT, outDims);
    }

    private static String seriesToBake(FittedRnn model, String requested) {
        if (requested == null) {
            if (model.scalers().size() != 1) {
                throw new OnnxExportException("the model was trained on " + model.scalers().size() + " series "
                        + model.scalers().keySet() + "; name the one whose scalers to bake (OnnxExportOptions.baked(id))");
            }
            return model.scalers().keySet().iterator().next();
        }
        if (!model.scalers().containsKey(requested)) {
            throw new OnnxExportException("series '" + requested + "' is not one the model was trained on "
                    + model.scalers().keySet() + ": its scalers would be fitted on its history at forecast time, which"
                    + " a graph cannot do; bake a training series, or export without baked scaling");
        }
        return requested;
    }

    private static ModelProto wrap(GraphBuilder g, Map<String, String> metadata) {
        g.docString("Exported by Seqcast " + Seqcast.version() + "; inputs: " + metadata.get(OnnxMetadata.INPUTS)
                + "; outputs: " + metadata.get(OnnxMetadata.OUTPUTS));
        GraphProto graph = g.build();
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("Seqcast")
                .setProducerVersion(Seqcast.version())
                .setDomain("org.seqcast")
                .setModelVersion(1)
                .setDocString(metadata.get(OnnxMetadata.ARCHITECTURE))
                .setGraph(graph);
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** "[batch, 24, 3]". */
    static String dims(Object[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < dims.length; k++) {
            sb.append(k > 0 ? ", " : "").append(dims[k]);
        }
        return sb.append(']').toString();
    }

    /** Writes {@code bytes} to a temporary file beside {@code out} and moves it over {@code out}. */
    private static void write(byte[] bytes, Path out) {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            throw new OnnxExportException(out + " is a directory; give the path of a .onnx file to write");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OnnxExportException(out + " cannot be written: the directory " + dir + " does not exist");
        }
        org.seqcast.format.AtomicFile.write(out, bytes, out.toString());
    }
}
