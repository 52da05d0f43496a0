package org.seqcast.cli;

import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.forecast.Forecaster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The network, training and interval options of {@code seqcast fit} and {@code backtest} (--seed, --epochs,
 * --levels, ...) parsed from their command-line form, and the forecasters they build: exactly the ones those
 * commands build, through the same {@link ModelList} and {@link IntervalOptions}. For callers that run the
 * command's work elsewhere (the Spark module carries the options to its executors as text and builds each
 * series' models there), so that every option keeps one home and the results stay the command's to the bit.
 */
@Command(name = "model-options")
public final class ModelFlags {
    @Mixin
    private NetworkOptions net = new NetworkOptions();

    @Mixin
    private IntervalOptions intervals = new IntervalOptions();

    private ModelFlags() {
    }

    /**
     * The options in {@code flags} (e.g. {@code ["--seed", "7", "--epochs", "20", "--levels", "80,95"]}).
     *
     * @throws IllegalArgumentException naming the option that is unknown or out of range
     */
    public static ModelFlags parse(List<String> flags) {
        ModelFlags f = new ModelFlags();
        try {
            new CommandLine(f).parseArgs(flags.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("model options " + flags + ": " + e.getMessage(), e);
        }
        return f;
    }

    /** The seed of all randomness (--seed; 0 by default). */
    public long seed() {
        return net.seed;
    }

    /** The interval coverages asked for with --levels, in percent, increasing; empty for point forecasts. */
    public double[] levels() {
        return intervals.levels().coverages();
    }

    /**
     * The forecasters {@code names} for horizon H, built as backtest and fit build them: the networks' preset
     * resolved on {@code presetData} (backtest: every series cut to its first fold's training part; fit: the
     * series), the ensemble's members from its season length, each wrapped for the --levels intervals.
     *
     * @throws IllegalArgumentException for an unknown name or options that do not go together
     */
    public List<Forecaster> build(List<String> names, int horizon, List<TimeSeries> presetData, CovariateRoles roles) {
        try {
            return intervals.withLossGiven(net.loss).wrap(ModelList.build(names, horizon, presetData, net, roles,
                    null));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
