package org.seqcast.spark;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.forecast.Forecasters;

/**
 * The models of a job and their settings: names from the {@link Forecasters} registry (baselines, networks,
 * hybrids, the recommended {@code ensemble}), the horizon, and the network, training and interval options in
 * the command-line tool's form ({@code --seed 7}, {@code --epochs 20}, {@code --levels 80,95}, ...), which the
 * executors parse with the tool's own option classes ({@link org.seqcast.cli.ModelFlags}) so that every model is
 * built exactly as {@code seqcast fit} and {@code seqcast backtest} build it.
 *
 * @param models  registry names, at least one
 * @param horizon H, at least 1
 * @param options the tool's model options, flag and value as separate strings (empty for the defaults; the
 *                executors add {@code --threads 1} unless given, which changes no result)
 */
public record LocalModels(List<String> models, int horizon, List<String> options) {
    public LocalModels {
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("models: name at least one of " + String.join(", ", Forecasters.names()));
        }
        models.forEach(Forecasters::entry);
        models = List.copyOf(models);
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        options = options == null ? List.of() : List.copyOf(options);
        org.seqcast.cli.ModelFlags.parse(options); // refuses an unknown option here, on the driver
    }

    /** {@code names} at horizon H with the default options (seed 0). */
    public static LocalModels of(int horizon, String... names) {
        return new LocalModels(List.of(names), horizon, List.of());
    }

    /** These models with the options {@code flags} added (e.g. {@code "--seed", "7"}). */
    public LocalModels withOptions(String... flags) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(flags));
        return new LocalModels(models, horizon, all);
    }

    /** The options as the executors parse them: {@code --threads 1} unless the options set the threads. */
    List<String> executorOptions() {
        if (options.contains("--threads") || options.stream().anyMatch(o -> o.startsWith("--threads="))) {
            return options;
        }
        List<String> all = new ArrayList<>(options);
        all.add("--threads");
        all.add("1");
        return List.copyOf(all);
    }
}
