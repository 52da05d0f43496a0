package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.seqcast.data.TimeSeries;
import org.seqcast.tensor.Parallel;
import org.seqcast.train.TrainingListener;

/**
 * The registry of forecasters: every name a user can type, with its kind, one line of help, whether it needs
 * seasonal data, whether backtests run it by default, and how to build it for a horizon and settings. The CLI's
 * options, help texts and default model list, the demo and the docs' table of models all come from here.
 * <p>
 * An entry's {@link Recipe} says what it is; adding a forecaster is one entry in {@link #ALL} (and its class, and
 * its section in the model file: docs/ARCHITECTURE.md lists the files).
 */
public final class Forecasters {
    /** The recommended forecaster: what {@code seqcast fit} and the demo fit when no model is named. */
    public static final String RECOMMENDED = EnsembleForecaster.NAME;

    /** What kind of method a forecaster is. */
    public enum Kind {
        /** A recurrent network trained on all series (one global model). */
        NETWORK,
        /** A classical method fitted on each series. */
        CLASSICAL,
        /** A network on a classical decomposition: classical per series, one global network. */
        HYBRID,
        /** Several forecasters combined per step (median or mean). */
        ENSEMBLE;

        /** The kind in lower case, as help texts and docs show it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How an entry builds its forecaster (each recipe implements {@link #build}, so a new recipe cannot be
     * forgotten by the factory).
     */
    public sealed interface Recipe {
        /** The kind of forecaster this recipe makes. */
        Kind kind();

        /** The forecaster called {@code name} built with {@code settings}. */
        Forecaster build(String name, Settings settings);

        /**
         * A network of the given cell and {@link Architecture} (the settings' network for that cell, its
         * architecture replaced); a recurrent one on seasonally adjusted series ({@link Deseasonalised}) when the
         * settings {@link Settings#deseasonalise() deseasonalise}.
         */
        record Network(Cell cell, Architecture architecture) implements Recipe {
            public Network {
                Objects.requireNonNull(cell, "cell");
                Objects.requireNonNull(architecture, "architecture");
            }

            /** A recurrent network of the given cell. */
            public Network(Cell cell) {
                this(cell, Architecture.RECURRENT);
            }

            @Override
            public Kind kind() {
                return Kind.NETWORK;
            }

            @Override
            public Forecaster build(String name, Settings settings) {
                if (settings.deseasonalise() && architecture == Architecture.RECURRENT) {
                    return new Deseasonalised(cell).build(name, settings);
                }
                RnnConfig c = settings.network(cell).toBuilder().architecture(architecture).build();
                RnnForecaster f = new RnnForecaster(c);
                TrainingListener l = settings.progressOf(name);
                return l == null ? f : f.withListener(l);
            }
        }

        /** A classical method of {@link BaselineForecaster#METHODS}. */
        record Classical(BaselineForecaster.Spec method) implements Recipe {
            public Classical {
                Objects.requireNonNull(method, "method");
            }

            @Override
            public Kind kind() {
                return Kind.CLASSICAL;
            }

            @Override
            public Forecaster build(String name, Settings settings) {
                return new BaselineForecaster(method, settings.horizon());
            }
        }

        /** A network of the given cell on seasonally adjusted series ({@link DecomposedForecaster}). */
        record Deseasonalised(Cell cell) implements Recipe {
            public Deseasonalised {
                Objects.requireNonNull(cell, "cell");
            }

            @Override
            public Kind kind() {
                return Kind.HYBRID;
            }

            @Override
            public Forecaster build(String name, Settings settings) {
                DecomposedForecaster f = new DecomposedForecaster(settings.network(cell));
                TrainingListener l = settings.progressOf(name);
                return l == null ? f : f.withListener(l);
            }
        }

        /**
         * The classical regression on a trend, seasonal dummies and the future-known covariates the networks'
         * settings name ({@link RegressionForecaster}).
         */
        record Regression() implements Recipe {
            @Override
            public Kind kind() {
                return Kind.CLASSICAL;
            }

            @Override
            public Forecaster build(String name, Settings settings) {
                return new RegressionForecaster(settings.horizon(), settings.futureCovariates(),
                        settings.seasonalPeriod());
            }
        }

        /**
         * The recommended ensemble: the median of {@link EnsembleForecaster#recommendedMembers} for the data's
         * season length, members fitted in parallel on up to {@link Settings#threads()} threads.
         */
        record Recommended() implements Recipe {
            @Override
            public Kind kind() {
                return Kind.ENSEMBLE;
            }

            @Override
            public Forecaster build(String name, Settings settings) {
                Settings named = settings.withDeseasonalise(false);   // each member is what its name says
                List<Forecaster> members = new ArrayList<>();
                Map<String, Integer> repeats = new HashMap<>();
                for (String member : EnsembleForecaster.recommendedMembers(settings.seasonalPeriod(),
                        settings.history(), settings.horizon())) {
                    int k = repeats.merge(member, 1, Integer::sum) - 1;   // a repeated name: the next seed
                    members.add(create(member, named.withSeedOffset(k)));
                }
                return new EnsembleForecaster(name, members, Combination.MEDIAN,
                        Math.min(members.size(), settings.threads()));
            }
        }
    }

    /**
     * One forecaster by name.
     *
     * @param name          the name users type (lower case)
     * @param description   one line for help texts and docs
     * @param needsSeasonal whether it needs seasonal data (period m ≥ 2)
     * @param byDefault     whether backtests run it when no models are named (those needing seasonal data only
     *                      on seasonal data)
     * @param recipe        how to build it
     */
    public record Entry(String name, String description, boolean needsSeasonal, boolean byDefault, Recipe recipe) {
        public Entry {
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("a forecaster name is lower-case letters, digits and '-'; got '"
                        + name + "'");
            }
            if (description == null || description.isBlank() || recipe == null) {
                throw new IllegalArgumentException("forecaster '" + name + "' needs a description and a recipe");
            }
        }

        /** The kind of forecaster. */
        public Kind kind() {
            return recipe.kind();
        }
    }

    /**
     * What building a forecaster needs: the horizon, the network configuration for a cell (built for that horizon)
     * and, optionally, a training listener per forecaster name for the networks' progress.
     *
     * @param horizon        H
     * @param seasonalPeriod m of the data the forecasters will be fitted on (1: not seasonal); the recommended
     *                       ensemble picks its members by it
     * @param history        the median length in points of the series the forecasters will be fitted on (0:
     *                       unknown, taken as short); the recommended ensemble picks its members by it too
     * @param threads        how many members of an ensemble may fit at once (results do not depend on it)
     * @param networks       the configuration of a network of the given cell; its horizon must be H
     * @param progress       a listener for the named forecaster's training, or null for none
     * @param deseasonalise  whether a recurrent network named by its cell ({@code lstm}) is fitted on seasonally
     *                       adjusted series, as {@link DecomposedForecaster} ({@code lstm-deseason}): what
     *                       {@link Preset#deseasonalises()} says; the recommended ensemble's members are not
     *                       affected (it names its adjusted members itself)
     */
    public record Settings(int horizon, int seasonalPeriod, int history, int threads,
                           Function<Cell, RnnConfig> networks, Function<String, TrainingListener> progress,
                           boolean deseasonalise) {
        public Settings {
            if (horizon < 1) {
                throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
            }
            if (seasonalPeriod < 1) {
                throw new IllegalArgumentException("seasonalPeriod must be at least 1 (1: not seasonal); got "
                        + seasonalPeriod);
            }
            if (history < 0) {
                throw new IllegalArgumentException("history must be 0 (unknown) or a length in points; got "
                        + history);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1; got " + threads);
            }
            Objects.requireNonNull(networks, "networks");
        }

        /** Settings whose networks read the series as they are (no seasonal adjustment). */
        public Settings(int horizon, int seasonalPeriod, int history, int threads,
                        Function<Cell, RnnConfig> networks, Function<String, TrainingListener> progress) {
            this(horizon, seasonalPeriod, history, threads, networks, progress, false);
        }

        /** Settings for data of unknown length (the recommended ensemble takes it as short). */
        public Settings(int horizon, int seasonalPeriod, int threads, Function<Cell, RnnConfig> networks,
                        Function<String, TrainingListener> progress) {
            this(horizon, seasonalPeriod, 0, threads, networks, progress);
        }

        /**
         * Settings for horizon H on {@code series} (their season length and median length) whose networks start
         * from {@code preset}, already resolved for the data ({@link Preset#resolve}): its options through
         * {@code networks}, its seasonal adjustment through {@link #deseasonalise()}.
         */
        public static Settings of(int horizon, List<TimeSeries> series, Preset preset, int threads,
                                  Function<Cell, RnnConfig> networks, Function<String, TrainingListener> progress) {
            if (preset == Preset.AUTO) {
                throw new IllegalArgumentException("preset auto depends on the data: resolve it for the series first");
            }
            return new Settings(horizon, series.get(0).seasonalPeriod(), history(series), threads, networks, progress,
                    preset.deseasonalises());
        }

        /**
         * These settings with every network's seed {@code k} higher (0: the same settings); progress is reported
         * as the (k+1)-th of its name ("lstm-deseason #2"), so that repeated members can be told apart.
         */
        Settings withSeedOffset(int k) {
            if (k == 0) {
                return this;
            }
            return new Settings(horizon, seasonalPeriod, history, threads, cell -> {
                RnnConfig c = networks.apply(cell);
                return c.toBuilder().seed(c.seed() + k).build();
            }, progress == null ? null : name -> progress.apply(name + " #" + (k + 1)), deseasonalise);
        }

        /** These settings with single networks on seasonally adjusted series (true) or on the series as they are. */
        Settings withDeseasonalise(boolean adjust) {
            return new Settings(horizon, seasonalPeriod, history, threads, networks, progress, adjust);
        }

        /** The median length in points of {@code series} (the history a recommended ensemble is chosen for). */
        public static int history(List<TimeSeries> series) {
            int[] n = series.stream().mapToInt(TimeSeries::size).sorted().toArray();
            return n.length == 0 ? 0 : n[n.length / 2];
        }

        /** Horizon H on data of season length m, with {@link RnnConfig}'s default networks, one thread, no progress. */
        public static Settings defaults(int horizon, int seasonalPeriod) {
            return new Settings(horizon, seasonalPeriod, 1, cell -> RnnConfig.builder(horizon).cell(cell).build(), null);
        }

        /**
         * What a user who gives only the data and the horizon gets: horizon H on {@code series}' season length,
         * networks starting from the preset {@link Preset#AUTO} chooses for their values, ensemble members fitted
         * on up to every core at once, no progress. The command-line tool builds the same settings when no
         * option is given.
         */
        public static Settings recommended(int horizon, List<TimeSeries> series) {
            Preset preset = Preset.AUTO.resolve(series, horizon);
            return of(horizon, series, preset, Parallel.availableCores(),
                    cell -> preset.applyTo(RnnConfig.builder(horizon)).cell(cell).build(), null);
        }

        /**
         * As {@link #recommended(int, List)} for networks that read covariates in their {@code roles} (the
         * ensemble's classical members read none).
         */
        public static Settings recommended(int horizon, List<TimeSeries> series, CovariateRoles roles) {
            Preset preset = Preset.AUTO.resolve(series, horizon);
            return of(horizon, series, preset, Parallel.availableCores(),
                    cell -> roles.applyTo(preset.applyTo(RnnConfig.builder(horizon))).cell(cell).build(), null);
        }

        /** The network configuration of {@code cell}, checked against the horizon and cell asked for. */
        RnnConfig network(Cell cell) {
            RnnConfig c = networks.apply(cell);
            if (c.horizon() != horizon || c.cell() != cell) {
                throw new IllegalArgumentException("the network settings for " + cell.label() + " have horizon "
                        + c.horizon() + " and cell " + c.cell().label() + "; expected " + horizon + " and "
                        + cell.label());
            }
            return c;
        }

        /**
         * The future-known covariates of the data, as the network settings name them (the one home of the roles:
         * classical methods that take regressors read them from there).
         */
        List<String> futureCovariates() {
            return network(RnnConfig.DEFAULT_CELL).futureCovariates();
        }

        TrainingListener progressOf(String name) {
            return progress == null ? null : progress.apply(name);
        }
    }

    /** The networks and classical methods a backtest leaves out unless they are named (hybrids and ensembles always are). */
    private static final Set<String> NOT_BY_DEFAULT = Set.of("rnn", "mean", "holt-damped", "hw-mult");

    /** Every forecaster, in the order tables and help list them: networks, classical methods, hybrids, ensembles. */
    public static final List<Entry> ALL = entries();

    private Forecasters() {
    }

    private static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Cell c : Cell.values()) {
            all.add(new Entry(c.label(), network(c) + ", one global model over all series (preset "
                    + Preset.LOG_MAE_DESEASON.label() + ", auto's choice for seasons of 2 to "
                    + EnsembleForecaster.LONG_SEASON + " steps, fits it as " + DecomposedForecaster.name(c) + ")", false,
                    !NOT_BY_DEFAULT.contains(c.label()), new Recipe.Network(c)));
        }
        all.add(new Entry(Architecture.ATTENTION.forecasterName(Cell.LSTM), network(Cell.LSTM) + " returning its"
                + " states, self-attention over them (every state a query, learned scale), their mean to the head",
                false, false, new Recipe.Network(Cell.LSTM, Architecture.ATTENTION)));
        all.add(new Entry(Architecture.TRANSFORMER.forecasterName(Cell.LSTM), "Transformer encoder: each step projected"
                + " to units (d_model), sinusoidal positions, pre-norm blocks of up to " + Architecture.HEADS + " heads (one"
                + " per layer), their mean to the head; one global model over all series", false, false,
                new Recipe.Network(Cell.LSTM, Architecture.TRANSFORMER)));
        for (BaselineForecaster.Spec b : BaselineForecaster.METHODS) {
            all.add(new Entry(b.name(), b.description(), b.seasonal(), !NOT_BY_DEFAULT.contains(b.name()),
                    new Recipe.Classical(b)));
        }
        all.add(new Entry(RegressionForecaster.NAME, "linear regression on a trend, seasonal dummies and the"
                + " future-known covariates (R's tslm), refitted on each history", false, false,
                new Recipe.Regression()));
        for (Cell c : Cell.values()) {
            all.add(new Entry(DecomposedForecaster.name(c), network(c) + " on the seasonally adjusted series "
                    + "(multiplicative classical decomposition when thetaf's test finds a season)", false, false,
                    new Recipe.Deseasonalised(c)));
        }
        all.add(new Entry(EnsembleForecaster.NAME, "the recommended ensemble: the median of "
                + String.join(", ", EnsembleForecaster.recommendedMembers(12, 0, 1)) + " on seasonal data, of "
                + String.join(", ", EnsembleForecaster.recommendedMembers(EnsembleForecaster.LONG_SEASON, 0, 1))
                + " when the season is " + EnsembleForecaster.LONG_SEASON + " (a repeated name: the next seed), of "
                + String.join(", ", EnsembleForecaster.recommendedMembers(EnsembleForecaster.LONG_SEASON + 1, 0, 1))
                + " when it is longer, of "
                + String.join(", ", EnsembleForecaster.recommendedMembers(1, EnsembleForecaster.LONG_HISTORY, 1))
                + " on non-seasonal series whose median length is at least " + EnsembleForecaster.LONG_HISTORY
                + " horizons, of " + String.join(", ", EnsembleForecaster.recommendedMembers(1, 0, 1))
                + " otherwise", false, false, new Recipe.Recommended()));
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : all) {
            if (!names.add(e.name())) {
                throw new IllegalStateException("two forecasters are called '" + e.name() + "'");
            }
        }
        return List.copyOf(all);
    }

    /** The help text of a network of {@code cell}. */
    private static String network(Cell cell) {
        return switch (cell) {
            case LSTM -> "LSTM network";
            case GRU -> "GRU network";
            case RNN -> "simple recurrent network (Elman)";
        };
    }

    /** Every name, in {@link #ALL}'s order. */
    public static List<String> names() {
        return ALL.stream().map(Entry::name).toList();
    }

    /** The names of one kind, in {@link #ALL}'s order. */
    public static List<String> names(Kind kind) {
        return ALL.stream().filter(e -> e.kind() == kind).map(Entry::name).toList();
    }

    /** The entry called {@code name} (any case, surrounding blanks ignored); an unknown name lists the known ones. */
    public static Entry entry(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Entry e : ALL) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown forecaster '" + name + "'; use one of " + String.join(", ", names()));
    }

    /** Whether {@code name} is a forecaster's name (any case). */
    public static boolean exists(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().anyMatch(e -> e.name().equals(key));
    }

    /** The names backtests run when none are given: the default entries, seasonal ones only for seasonal data. */
    public static List<String> defaults(boolean seasonalData) {
        return ALL.stream().filter(e -> e.byDefault() && (seasonalData || !e.needsSeasonal())).map(Entry::name)
                .toList();
    }

    /** The forecaster called {@code name}, built with {@code settings}. */
    public static Forecaster create(String name, Settings settings) {
        Entry e = entry(name);
        return e.recipe().build(e.name(), settings);
    }

    /**
     * The forecasters called {@code names}, in order, built with {@code settings}.
     *
     * @throws IllegalArgumentException when two names build the same forecaster: {@code lstm} and
     *                                  {@code lstm-deseason} under settings that {@link Settings#deseasonalise()}
     */
    public static List<Forecaster> create(List<String> names, Settings settings) {
        List<Forecaster> out = names.stream().map(n -> create(n, settings)).toList();
        Map<String, String> asked = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            String before = asked.putIfAbsent(out.get(i).name(), names.get(i));
            if (before != null && !before.equalsIgnoreCase(names.get(i))) {
                throw new IllegalArgumentException("models '" + before + "' and '" + names.get(i) + "' are the same"
                        + " forecaster, " + out.get(i).name() + ": under preset " + Preset.LOG_MAE_DESEASON.label()
                        + " (what preset " + Preset.AUTO.label() + " chooses for seasons of 2 to "
                        + EnsembleForecaster.LONG_SEASON + " steps) a network named by its cell is fitted on the"
                        + " seasonally adjusted series; name one of them, or use preset " + Preset.LOG_MAE.label()
                        + " to compare it with the network on the series as they are");
            }
        }
        return out;
    }
}
