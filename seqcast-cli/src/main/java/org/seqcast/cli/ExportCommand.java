package org.seqcast.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.io.ForecasterKind;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.io.NetworkFile;
import org.seqcast.onnx.OnnxExport;
import org.seqcast.onnx.OnnxExportOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seqcast export}: a model file to another format (ONNX). */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Export a model to ONNX (opset 14): recurrent layers as ONNX LSTM/GRU/RNN operators, Dense as "
            + "Gemm or MatMul+Add, dynamic batch size (and sequence length for bare networks). The graph takes the "
            + "network's input [batch, W, F] and returns its output; with --bake-scaling a forecasting model's graph "
            + "takes raw values and returns forecasts in the series' units, using one training series' scalers "
            + "(--series). A network on seasonally adjusted series (lstm-deseason, what preset auto fits on seasonal "
            + "data) exports its network with every series' seasonal indices in the metadata; baked, its graph also "
            + "takes seasonal_indices [batch, W + H]. Metadata (Seqcast version, horizon, window, columns, scalers) "
            + "goes into the model's metadata_props. See docs/ONNX.md."},
        footer = {"", "Examples:",
            "  seqcast export --format onnx air.seqcast air.onnx",
            "  seqcast export --format onnx air.seqcast air-raw.onnx --bake-scaling",
            "  seqcast export --format onnx tourism-q.seqcast q1.onnx --bake-scaling --series Q1"})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx (the only one so far).")
    private String format;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .seqcast file (forecasting model or bare network).")
    private Path model;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    private Path out;

    @Option(names = "--bake-scaling", description = "Put the forecaster's transform, scaling and anchor into the graph.")
    private boolean bake;

    @Option(names = "--series", paramLabel = "ID", description = "Whose scalers --bake-scaling uses (default: the only series).")
    private String series;

    @Override
    public Integer call() throws java.io.IOException {
        if (!format.toLowerCase(Locale.ROOT).equals("onnx")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + format + "'; use onnx");
        }
        if (series != null && !bake) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--series chooses whose scalers "
                    + "--bake-scaling puts into the graph; add --bake-scaling or drop --series");
        }
        OutputFiles.of().reads("MODEL", model).writes("OUT", out).check();
        if (NetworkFile.isNetworkFile(model)) {
            if (bake) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bake-scaling needs a forecasting model;"
                        + " " + model + " is a bare network without scalers");
            }
            NetworkFile.LoadedNetwork bare = NetworkFile.load(model);
            if (bare.isGraph()) {
                OnnxExport.export(bare.graph(), OnnxExportOptions.defaults(), out);
            } else {
                OnnxExport.export(bare.network(), OnnxExportOptions.defaults(), out);
            }
        } else {
            LoadedModel loaded = ModelFile.load(model);
            FittedDecomposed hybrid = loaded.forecaster() instanceof FittedDecomposed d ? d : null;
            if (loaded.kind() != ForecasterKind.RNN && hybrid == null) {
                throw new IllegalArgumentException(model + " holds " + loaded.kind().withArticle() + " forecaster ('"
                        + loaded.forecaster().name() + "'), which ONNX cannot express: export covers a single network"
                        + " (kind " + ForecasterKind.RNN.label() + ", or " + ForecasterKind.HYBRID.label() + " on"
                        + " seasonally adjusted series)" + whyNot(loaded.kind()) + "; export a network fitted with"
                        + " seqcast fit (--cell or --model " + Cell.names() + ")");
            }
            FittedRnn network = hybrid != null ? hybrid.network() : loaded.rnn();
            java.util.Set<String> ids = network.scalers().keySet();
            if (bake && series == null && ids.size() > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bake-scaling on a model of "
                        + ids.size() + " series needs --series ID (whose scalers go into the graph), e.g. --series "
                        + ids.iterator().next());
            }
            if (bake && series != null && !ids.contains(series)) {
                throw new IllegalArgumentException(model + ": the model was not trained on a series '" + series
                        + "'; its series are " + (ids.size() <= 10 ? ids : ids.size() + " ids such as " + ids.iterator().next()));
            }
            OnnxExportOptions options = (bake ? OnnxExportOptions.baked(series) : OnnxExportOptions.defaults())
                    .withTargetName(loaded.manifest().data().target());
            if (hybrid != null) {
                OnnxExport.export(hybrid, options, out);
            } else {
                OnnxExport.export(network, options, out);
            }
        }
        spec.commandLine().getOut().printf("wrote %s%n", out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Why a model of {@code kind} has no fixed graph, where there is more to say than that it is not a network. */
    private static String whyNot(ForecasterKind kind) {
        return switch (kind) {
            case BASELINE -> "; a baseline is refitted on each history it forecasts from, so it has no fixed graph";
            case RNN, HYBRID, ENSEMBLE, CONFORMAL, REGRESSION -> "";
        };
    }
}
