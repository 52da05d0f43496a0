package org.seqcast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedEnsemble;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.explain.AttentionWeights;
import org.seqcast.forecast.explain.Attribution;
import org.seqcast.forecast.explain.IntegratedGradients;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seqcast explain}: integrated gradients of a saved network's forecast of each series' last window
 * ({@link IntegratedGradients}), a table of the attributions summed over the horizon and the completeness check.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Explain a saved network's forecast of the next H points after each series in --data by integrated"
            + " gradients: how much each input feature at each step of the last window moved the network's output"
            + " away from its output at a baseline window (all zeros in model units: the target at the window's last"
            + " value, covariates at their scaled centre, calendar features 0). Attributions are in model units (the"
            + " scaled target relative to the window's last value); per series the table shows them summed over the"
            + " forecast steps, for the last few window steps and the whole window, and the completeness check: the"
            + " attributions sum to f(x) - f(baseline) up to the error of the Riemann sum, which is printed."
            + " Explains a network (lstm, gru, rnn; one with a calibration of intervals; with future-known or static"
            + " covariates, through its window), a hybrid's network (lstm-deseason: attributions to the seasonally"
            + " adjusted values it reads) and the networks of an ensemble one by one; classical methods are not"
            + " explained. A network with attention (lstm-attention, transformer: each block's"
            + " weights averaged over its heads) also shows its attention weights over the window (--json: the full step × step matrix). --json gives every number."},
        footer = {"", "Examples:",
            "  seqcast explain --model air.seqcast --data airpassengers.csv",
            "  seqcast explain --model air.seqcast --data airpassengers.csv --steps 256 --json"})
final class ExplainCommand implements Callable<Integer> {
    /** Window steps shown in the table besides the whole window's sum. */
    static final int SHOWN_STEPS = 6;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A .seqcast model file.")
    private Path model;

    @Mixin
    private DataOptions data = new DataOptions();

    @Option(names = "--series", paramLabel = "ID", description = "Explain only this series (default: every series).")
    private String seriesId;

    @Option(names = "--steps", paramLabel = "M",
            description = "Intervals of the Riemann sum (trapezoidal rule) along the path from the baseline to the"
                    + " window (default: ${DEFAULT-VALUE}); more steps, smaller completeness error.")
    private int steps = IntegratedGradients.DEFAULT_STEPS;

    @Option(names = "--future", paramLabel = "FILE",
            description = "Future values of the model's future-known covariates, as for 'seqcast forecast'.")
    private Path future;

    @Option(names = "--json", description = "Print every number as JSON on stdout.")
    private boolean json;

    /**
     * A network to explain, what to call it in the output, and the series it reads for a history: the history
     * itself, or a hybrid's seasonally adjusted history (attributions are then to the adjusted values).
     */
    record Explained(String label, FittedRnn network, UnaryOperator<TimeSeries> input) {
        Explained(String label, FittedRnn network) {
            this(label, network, UnaryOperator.identity());
        }

        /** The integrated gradients of the network's forecast of {@code history}. */
        Attribution explain(TimeSeries history, int steps) {
            return IntegratedGradients.of(network).steps(steps).explain(input.apply(history));
        }

        /** The attention weights of the network on {@code history} (none without attention layers). */
        List<AttentionWeights> attention(TimeSeries history) {
            return AttentionWeights.of(network, input.apply(history));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be at least 1; got " + steps);
        }
        LoadedModel loaded = ModelFile.load(model);
        List<String> skipped = new ArrayList<>();
        List<Explained> networks = networks(loaded.forecaster(), skipped);
        if (networks.isEmpty()) {
            throw new IllegalArgumentException(model + " holds " + loaded.kind().withArticle() + " forecaster ('"
                    + loaded.forecaster().name() + "'), which has no network to explain; explain works on a network"
                    + " (lstm, gru, rnn, also with a calibration of intervals), on a hybrid's network (on the"
                    + " seasonally adjusted series) and on the networks of an ensemble, member by member; classical"
                    + " methods are not explained");
        }
        data.defaultsFrom(loaded);
        List<TimeSeries> series = select(data.read());
        if (future != null) {
            series = SeriesCsv.withFuture(series, future, data.csvOptions());
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!skipped.isEmpty()) {
            err.printf(Locale.ROOT, "note: not explained (no gradient through them): %s%n", String.join(", ", skipped));
        }
        List<ExplainJson.Entry> entries = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (TimeSeries s : series) {
            for (Explained n : networks) {
                Attribution a = n.explain(s, steps);
                List<AttentionWeights> attention = n.attention(s);
                entries.add(ExplainJson.entry(n.label(), a, attention));
                text.append(table(n.label(), a));
                attention.forEach(w -> text.append(attentionTable(w)));
                text.append('\n');
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ExplainJson.format(entries) + "\n" : text);
        out.flush();
        return 0;
    }

    /**
     * The networks inside a forecaster: itself, a calibrated forecaster's inner one, an ensemble's members one by
     * one; the names of members that are not networks go to {@code skipped}.
     */
    static List<Explained> networks(FittedForecaster f, List<String> skipped) {
        if (f instanceof FittedRnn r) {
            return List.of(new Explained(r.name(), r));
        }
        if (f instanceof FittedConformal c) {
            return networks(c.inner(), skipped);
        }
        if (f instanceof FittedDecomposed d) {
            return List.of(new Explained(d.name() + " (on the seasonally adjusted series)", d.network(),
                    d::adjusted));
        }
        if (f instanceof FittedEnsemble e) {
            List<Explained> out = new ArrayList<>();
            List<FittedForecaster> members = e.members();
            for (int i = 0; i < members.size(); i++) {
                String label = members.get(i).name() + " (member " + (i + 1) + " of " + members.size() + ")";
                List<Explained> inner = networks(members.get(i), new ArrayList<>());
                if (inner.isEmpty()) {
                    skipped.add(label);
                }
                inner.forEach(n -> out.add(new Explained(label, n.network())));
            }
            return out;
        }
        return List.of();
    }

    private List<TimeSeries> select(List<TimeSeries> all) {
        if (seriesId == null) {
            return all;
        }
        List<TimeSeries> out = all.stream().filter(s -> s.id().equals(seriesId)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--series " + seriesId + ": " + data.data + " has no such series; its"
                    + " series are " + all.stream().map(TimeSeries::id).limit(10).toList()
                    + (all.size() > 10 ? " and " + (all.size() - 10) + " more" : ""));
        }
        return out;
    }

    /**
     * An Attention layer's weights over the last few window steps: the attention each step receives averaged over the
     * queries (what the attention forecaster's head reads), and the row of the last step as the query.
     */
    static String attentionTable(AttentionWeights w) {
        StringBuilder sb = new StringBuilder();
        int n = w.steps().size();
        int from = Math.max(0, n - SHOWN_STEPS);
        double[] received = w.received();
        double[] last = w.weights()[n - 1];
        sb.append(String.format(Locale.ROOT, "attention weights (layer %s) over the %d window steps; each query's row"
                + " sums to 1%n", w.layer(), n));
        sb.append(String.format(Locale.ROOT, "%-22s", "weight"));
        for (int t = from; t < n; t++) {
            sb.append(String.format(Locale.ROOT, " %11s", w.steps().get(t)));
        }
        sb.append(String.format(Locale.ROOT, " %11s%n", "earlier"));
        for (Object[] row : new Object[][] {{"received (mean)", received}, {"from the last step", last}}) {
            double[] v = (double[]) row[1];
            sb.append(String.format(Locale.ROOT, "%-22s", row[0]));
            double earlier = 0;
            for (int t = 0; t < from; t++) {
                earlier += v[t];
            }
            for (int t = from; t < n; t++) {
                sb.append(String.format(Locale.ROOT, " %11.4f", v[t]));
            }
            sb.append(String.format(Locale.ROOT, " %11.4f%n", earlier));
        }
        return sb.toString();
    }

    /** One series' table: features × the last few window steps and the whole window, then the completeness line. */
    static String table(String label, Attribution a) {
        StringBuilder sb = new StringBuilder();
        int h = a.horizon();
        sb.append(String.format(Locale.ROOT, "%s, %s: attributions of the forecast of %s%s, summed over the %d"
                        + " step(s), in model units (f(x) - f(baseline) = %.4g)%n", a.seriesId(), label,
                a.targets().get(0), h > 1 ? " to " + a.targets().get(h - 1) : "", h, a.totalDifference()));
        double[][] total = a.total();
        int w = total.length;
        int from = Math.max(0, w - SHOWN_STEPS);
        int name = Math.max(7, a.features().stream().mapToInt(String::length).max().orElse(7));
        sb.append(String.format(Locale.ROOT, "%-" + name + "s", "feature"));
        for (int t = from; t < w; t++) {
            sb.append(String.format(Locale.ROOT, " %11s", a.steps().get(t)));
        }
        sb.append(String.format(Locale.ROOT, " %11s%n", "window"));
        for (int j = 0; j < a.features().size(); j++) {
            sb.append(String.format(Locale.ROOT, "%-" + name + "s", a.features().get(j)));
            double sum = 0;
            for (int t = 0; t < w; t++) {
                sum += total[t][j];
            }
            for (int t = from; t < w; t++) {
                sb.append(String.format(Locale.ROOT, " %11.5f", total[t][j]));
            }
            sb.append(String.format(Locale.ROOT, " %11.5f%n", sum));
        }
        sb.append(String.format(Locale.ROOT, "attributions sum to f(x) - f(baseline) within %.1e (relative %.1e), %d"
                        + " steps; each forecast step within %.1e%n", a.totalCompletenessError(), a.totalRelativeError(),
                a.riemannSteps(), a.maxCompletenessError()));
        return sb.toString();
    }
}
