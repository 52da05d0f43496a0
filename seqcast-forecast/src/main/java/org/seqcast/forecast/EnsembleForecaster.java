package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seqcast.data.TimeSeries;

/**
 * An ensemble of forecasters of any kinds (networks, baselines, other ensembles), combined per step by the
 * median (default) or the mean of the members' forecasts ({@link Combination}).
 * <p>
 * {@link #fit} fits the members in parallel on a fixed pool of {@code threads} threads, each on the same
 * training series. The result does not depend on the thread count: each member carries its own seed (fixed by
 * its position, see {@link #ofSeeds}), every member's fit is deterministic for its seed, and the combination
 * reads the members in member order.
 */
public final class EnsembleForecaster implements Forecaster {
    /** The name tables give an ensemble unless another is chosen. */
    public static final String NAME = "ensemble";

    private final String name;
    private final List<Forecaster> members;
    private final Combination combination;
    private final int threads;

    /**
     * @param name        the name in tables and forecasts
     * @param members     one or more forecasters of the same horizon, in the order the combination reads them
     * @param combination median or mean per step
     * @param threads     members fitted at once (results do not depend on it)
     */
    public EnsembleForecaster(String name, List<? extends Forecaster> members, Combination combination, int threads) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an ensemble needs a name; got '" + name + "'");
        }
        if (combination == null) {
            throw new IllegalArgumentException("an ensemble needs a combination (median or mean)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + threads);
        }
        this.name = name;
        this.members = List.copyOf(members);
        this.combination = combination;
        this.threads = threads;
        FittedEnsemble.requireMembers(this.members.stream().map(f -> new FittedEnsemble.Member(f.name(), f.horizon()))
                .toList());
    }

    /**
     * How long non-seasonal series must be, in horizons (median length ≥ LONG_HISTORY·H), for the recommended
     * ensemble to be led by its networks. Chosen on validation origins: M4 weekly's median series holds 71
     * horizons, where the networks alone beat every combination with more classical members; tourism and M1
     * (at most 12 horizons) gain from the classical members. Any value between 12 and 71 makes the same choice
     * on those data; 20 is a round one between (docs/ACCURACY.md, "Choosing the ensemble's members").
     */
    public static final int LONG_HISTORY = 20;

    /**
     * The shortest season for which the recommended ensemble on seasonal data is led by its networks: 24, the
     * day of hourly data (and longer seasons, such as the year of weekly data, 52). Chosen on validation origins
     * of M4 hourly data, where the median of the two networks and hw beat the five seasonal members, the median
     * of the networks on the series as they are and on seasonally adjusted series beat both, and two seeds of the
     * adjusted networks with the seasonal naive beat that; the quarterly and monthly data of tourism and M1 (m = 4
     * and 12) keep their five. Seasons longer than this (weekly data's 52, validated on M4 weekly) take the two
     * networks and the seasonal naive only (docs/ACCURACY.md, "Choosing the ensemble's members").
     */
    public static final int LONG_SEASON = 24;

    /**
     * The members of the default ensemble (the CLI's {@code ensemble}), median-combined, for data of season length
     * m whose median series holds {@code history} points (0: unknown, taken as short), forecast H steps ahead.
     * On seasonal data (2 ≤ m < {@link #LONG_SEASON}): lstm, gru, theta, hw, snaive: the two networks and three
     * classical methods of different kinds, so that no single family's failure decides a forecast. With seasons
     * of exactly {@link #LONG_SEASON} (hourly data's day) the networks lead, on the series as they are and on
     * seasonally adjusted series, with two seeds of the adjusted ones: lstm, gru, lstm-deseason, gru-deseason,
     * lstm-deseason, gru-deseason and snaive; with longer seasons (weekly data's year) the two networks on the
     * series as they are and snaive, which beat those seven on M4 weekly at a third of their cost. A name listed
     * again is another network of the same kind whose seed is one higher per repeat (the ensemble built from these
     * names gives the k-th repeat seed + k, as {@link #ofSeeds} does). On non-seasonal data: lstm, gru, theta,
     * drift, holt-damped; when the series are long (median length ≥ {@link #LONG_HISTORY}·H) the networks lead:
     * lstm, gru, holt-damped (the median of three, so that a failed network still does not decide). The members
     * were chosen on validation origins of tourism, M1 and M4 weekly and hourly data (docs/ACCURACY.md, "Choosing
     * the ensemble's members").
     */
    public static List<String> recommendedMembers(int seasonalPeriod, int history, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        if (seasonalPeriod < 2 && history >= (long) LONG_HISTORY * horizon) {
            return List.of("lstm", "gru", "holt-damped");
        }
        if (seasonalPeriod < 2) {
            return List.of("lstm", "gru", "theta", "drift", "holt-damped");
        }
        if (seasonalPeriod > LONG_SEASON) {
            return List.of("lstm", "gru", "snaive");
        }
        if (seasonalPeriod == LONG_SEASON) {
            return List.of("lstm", "gru", "lstm-deseason", "gru-deseason", "lstm-deseason", "gru-deseason", "snaive");
        }
        return List.of("lstm", "gru", "theta", "hw", "snaive");
    }

    /** The median of {@code members}, fitted one after the other. */
    public EnsembleForecaster(List<? extends Forecaster> members) {
        this(NAME, members, Combination.MEDIAN, 1);
    }

    /**
     * {@code copies} networks of {@code config} that differ only in their seeds: member i has seed
     * {@code config.seed() + i} (so member 0 is the network {@code config} alone would fit).
     */
    public static EnsembleForecaster ofSeeds(RnnConfig config, int copies, Combination combination, int threads) {
        if (copies < 1) {
            throw new IllegalArgumentException("an ensemble needs at least 1 copy; got " + copies);
        }
        List<Forecaster> members = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            members.add(new RnnForecaster(config.toBuilder().seed(config.seed() + i).build()));
        }
        return new EnsembleForecaster(config.cell().label() + "-x" + copies, members, combination, threads);
    }

    @Override
    public List<String> futureCovariates() {
        return members.stream().flatMap(m -> m.futureCovariates().stream()).distinct().toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int horizon() {
        return members.get(0).horizon();
    }

    public List<Forecaster> members() {
        return members;
    }

    public Combination combination() {
        return combination;
    }

    public int threads() {
        return threads;
    }

    /** The same ensemble fitting {@code n} members at once. */
    public EnsembleForecaster withThreads(int n) {
        return new EnsembleForecaster(name, members, combination, n);
    }

    @Override
    public FittedEnsemble fit(TimeSeries training) {
        return fit(List.of(training));
    }

    /**
     * Fits every member on {@code training}, up to {@link #threads()} at once. Classical members start first: they
     * fit in seconds, so one that cannot fit the data (a season too long for Holt-Winters, say) fails before the
     * networks have trained for minutes. The order of fitting changes nothing else: each member's fit depends
     * only on its own settings and the data, and the members keep their order in the fitted ensemble.
     */
    @Override
    public FittedEnsemble fit(List<TimeSeries> training) {
        List<Integer> order = fitOrder();
        int n = Math.min(threads, members.size());
        FittedForecaster[] fitted = new FittedForecaster[members.size()];
        if (n == 1) {
            for (int i : order) {
                fitted[i] = members.get(i).fit(training);
            }
            return new FittedEnsemble(name, List.of(fitted), combination);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "seqcast-ensemble-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FittedForecaster>> futures = new ArrayList<>();
            for (int i : order) {
                Forecaster f = members.get(i);
                futures.add(pool.submit(() -> f.fit(training)));
            }
            for (int j = 0; j < order.size(); j++) {
                fitted[order.get(j)] = await(futures.get(j));
            }
            return new FittedEnsemble(name, List.of(fitted), combination);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Member indices, classical members ({@link BaselineForecaster}) first, each group in member order. */
    private List<Integer> fitOrder() {
        List<Integer> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < members.size(); i++) {
                if ((members.get(i) instanceof BaselineForecaster) == (pass == 0)) {
                    order.add(i);
                }
            }
        }
        return order;
    }

    private static FittedForecaster await(Future<FittedForecaster> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting an ensemble's members", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("an ensemble member failed to fit", cause);
        }
    }
}
