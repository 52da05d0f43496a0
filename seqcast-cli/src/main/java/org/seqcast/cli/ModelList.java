package org.seqcast.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.function.Function;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Forecasters;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.train.TrainingListener;
import picocli.CommandLine;

/** Turns the --models list into forecasters, through the registry ({@link Forecasters}). */
final class ModelList {
    private ModelList() {
    }

    /** The registry's default models for the data (those needing seasonal data only for seasonal data). */
    static List<String> defaults(List<TimeSeries> series) {
        return Forecasters.defaults(series.get(0).seasonalPeriod() >= 2);
    }

    /**
     * The forecasters {@code names} for horizon H on data of season length m; an ensemble fits up to
     * {@code --threads} members at once.
     */
    static List<Forecaster> build(List<String> names, int horizon, int seasonalPeriod, NetworkOptions net,
                                  List<String> covariates, Function<String, TrainingListener> progress) {
        return Forecasters.create(names, new Forecasters.Settings(horizon, seasonalPeriod, net.threads(),
                cell -> net.config(cell, horizon, covariates), progress));
    }

    /** The default list as help shows it: names that need seasonal data say so. */
    static String defaultsHelp() {
        List<String> shown = new ArrayList<>();
        for (String name : Forecasters.defaults(true)) {
            shown.add(Forecasters.entry(name).needsSeasonal() ? name + " (seasonal data)" : name);
        }
        return String.join(", ", shown);
    }

    /**
     * Writes the registry's names (and backtest's defaults) into the help of a command's model options: picocli
     * calls this once the command's model is built from its annotations ({@code modelTransformer =
     * ModelList.Help.class}), and an option with {@code descriptionKey = "models"} (a list, as backtest's
     * {@code --models}) or {@code "model"} (one name) gets its description from here, so no list of names is
     * written out by hand.
     */
    static final class Help implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            String names = String.join(", ", Forecasters.names());
            String list = "Comma-separated, any of: " + names + " (default: " + defaultsHelp()
                    + "). 'seqcast models' describes each.";
            String one = "Forecaster, one of: " + names + ". 'seqcast models' describes each.";
            String cells = "The network's cell when --model is absent: " + Cell.names() + " (default: "
                    + RnnConfig.DEFAULT_CELL.label() + ").";
            spec.resourceBundle(new ListResourceBundle() {
                @Override
                protected Object[][] getContents() {
                    return new Object[][] {{"models", list}, {"model", one}, {"cell", cells}};
                }
            });
            return spec;
        }
    }
}
