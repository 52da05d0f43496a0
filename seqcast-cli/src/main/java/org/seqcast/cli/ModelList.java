package org.seqcast.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.function.Function;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Forecasters;
import org.seqcast.forecast.Preset;
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
     * The forecasters {@code names} for horizon H on {@code series} (their season length and median length pick
     * the ensemble's members, their values resolve the networks' preset); an ensemble fits up to {@code --threads}
     * members at once.
     */
    static List<Forecaster> build(List<String> names, int horizon, List<TimeSeries> series, NetworkOptions net,
                                  CovariateRoles roles, Function<String, TrainingListener> progress) {
        Preset preset = net.preset(series, horizon);
        return Forecasters.create(names, Forecasters.Settings.of(horizon, series, preset, net.threads(),
                cell -> net.config(cell, horizon, roles, preset), progress));
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
            String one = "Forecaster, one of: " + names + " (default: " + Forecasters.RECOMMENDED
                    + ", or the --cell network). 'seqcast models' describes each.";
            String cells = "Fit a single network of this cell instead of the default model: " + Cell.names() + ".";
            StringBuilder presets = new StringBuilder("The networks' starting settings, which options given "
                    + "override; default " + Preset.AUTO.label() + ". ");
            for (Preset p : Preset.values()) {
                presets.append(p == Preset.values()[0] ? "" : "; ").append(p.label()).append(": ")
                        .append(p.description());
            }
            presets.append('.');
            spec.resourceBundle(new ListResourceBundle() {
                @Override
                protected Object[][] getContents() {
                    return new Object[][] {{"models", list}, {"model", one}, {"cell", cells}, {"preset", presets.toString()}};
                }
            });
            return spec;
        }
    }
}
