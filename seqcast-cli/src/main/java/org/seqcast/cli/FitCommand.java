package org.seqcast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Strategy;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.train.History;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seqcast fit}: trains a network on a CSV file and saves it as one model file. */
@Command(name = "fit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Train a recurrent network on the series of a CSV file (one global model for many series) and "
            + "save it as a .seqcast model file (manifest.json + weights.safetensors). Only --data, --horizon and "
            + "--out are required; the last part of each series (10%%, at least H points) is held out for early stopping."},
        footer = {"", "Examples:",
            "  seqcast fit --data airpassengers.csv --horizon 12 --out air.seqcast",
            "  seqcast fit --data airpassengers.csv -H 12 --cell gru --units 64 --epochs 200 --out air-gru.seqcast",
            "  seqcast fit --data seatbelts.csv --target drivers --covariates kms,PetrolPrice,law -H 12 --out sb.seqcast",
            "  seqcast fit --data tourism_quarterly.csv --id series_id --target value -H 8 --transform log1p --scaling none \\",
            "      --loss mae --out tourism-q.seqcast"})
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private DataOptions data = new DataOptions();

    @Option(names = {"-H", "--horizon"}, required = true, paramLabel = "H", description = "Forecast horizon in steps.")
    private int horizon;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL", description = "Model file to write (.seqcast).")
    private Path out;

    @Option(names = "--cell", paramLabel = "CELL", defaultValue = "lstm", converter = Converters.CellConverter.class,
            description = "lstm, gru or rnn (default: ${DEFAULT-VALUE}).")
    private Cell cell;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    private boolean quiet;

    @Mixin
    private NetworkOptions net = new NetworkOptions();

    @Override
    public Integer call() throws Exception {
        if (horizon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be at least 1; got " + horizon);
        }
        OutputFiles.prepare(out, "--out");
        PrintWriter err = spec.commandLine().getErr();
        List<TimeSeries> series = data.read();
        RnnConfig config = net.config(cell, horizon, DataOptions.covariatesOf(series));
        requireLongEnough(series, config);
        RnnForecaster forecaster = new RnnForecaster(config);
        if (!quiet) {
            forecaster = forecaster.withListener(new Progress(err, config.cell().label()));
        }
        FittedRnn fitted = forecaster.fit(series);
        History h = fitted.trainingHistory();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("final_loss", h.loss()[h.epochsRun() - 1]);
        double[] val = h.valLoss();
        if (val.length > 0 && h.bestEpoch() >= 1 && !Double.isNaN(val[h.bestEpoch() - 1])) {
            metrics.put("best_val_loss", val[h.bestEpoch() - 1]);
        }
        ModelFile.save(fitted, ModelInfo.of(ModelInfo.sha256(data.data), series).withMetrics(metrics)
                .withColumns(data.timeColumnUsed(), data.id), out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("model", out.toString());
            n.put("cell", config.cell().label());
            n.put("series", series.size());
            n.put("window", fitted.config().window());
            n.put("horizon", horizon);
            n.put("parameters", fitted.model().parameterCount());
            n.put("training_windows", fitted.trainingWindows());
            n.put("validation_windows", fitted.validationWindows());
            n.put("epochs_run", h.epochsRun());
            n.put("stop_reason", h.stopReason());
            metrics.forEach(n::put);
            stdout.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } else {
            stdout.printf(Locale.ROOT, "saved %s: %s, %d layer(s) of %d units, window %d, horizon %d, %,d parameters%n",
                    out, config.cell().label(), config.layers(), config.units(), fitted.config().window(), horizon,
                    fitted.model().parameterCount());
            stdout.printf(Locale.ROOT, "trained on %d series (%d windows, %d for validation): %d epochs, %s%n",
                    series.size(), fitted.trainingWindows(), fitted.validationWindows(), h.epochsRun(), h.stopReason());
            metrics.forEach((k, v) -> stdout.printf(Locale.ROOT, "%s %.6g%n", k, v));
        }
        stdout.flush();
        return 0;
    }

    /** Fails, stating the minimum length, when no series holds one training window plus the validation part. */
    private void requireLongEnough(List<TimeSeries> series, RnnConfig config) {
        int longest = series.stream().mapToInt(TimeSeries::size).max().orElse(0);
        int min = RnnForecaster.minimumLength(config);
        if (longest < min) {
            int targets = config.strategy() == Strategy.DIRECT ? config.horizon() : 1;
            int window = Math.max(1, config.window());
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s %d points, too few to fit a "
                    + "horizon of %d: a series needs at least %d (a window of %d input step(s) and %d target(s) for "
                    + "training, then %d held out for validation); give more data, a shorter --horizon%s or a "
                    + "smaller --validation", data.data, series.size() == 1 ? "the series has" : "the longest series has",
                    longest, horizon, min, window, targets, min - window - targets,
                    config.window() > 0 ? ", a shorter --window" : ""));
        }
    }
}
