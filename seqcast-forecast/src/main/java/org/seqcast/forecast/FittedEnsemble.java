package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqcast.data.TimeSeries;

/**
 * A fitted {@link EnsembleForecaster}: forecasts with every member, in member order, and combines the members'
 * values step by step. A member's note (e.g. a baseline that fell back to the naive forecast) is carried into
 * the ensemble's note as {@code member k (name): note}.
 * <p>
 * The combination is of the members' point forecasts. When every member's forecast carries a distribution with
 * the same quantile levels and coverages (an ensemble of quantile networks, say), the ensemble's forecast carries
 * their combination too, level by level with the same combination (the median or mean of the members' quantiles
 * at each level and step); both keep quantiles ordered, since a median or mean of ordered values is ordered.
 * Otherwise a member's intervals or quantiles are not combined (an ensemble's intervals then come from wrapping
 * the ensemble, e.g. in a {@link ConformalForecaster}).
 * <p>
 * Thread-safety: as safe as its members; with the built-in members one instance may be used by many threads at
 * once.
 */
public final class FittedEnsemble implements FittedForecaster {
    private final String name;
    private final List<FittedForecaster> members;
    private final Combination combination;

    /** A member's name and horizon, for the checks. */
    record Member(String name, int horizon) {
    }

    /**
     * @param name        the name in tables and forecasts
     * @param members     one or more fitted forecasters of the same horizon
     * @param combination median or mean per step
     */
    public FittedEnsemble(String name, List<? extends FittedForecaster> members, Combination combination) {
        if (name == null || name.isBlank() || combination == null) {
            throw new IllegalArgumentException("a fitted ensemble needs a name and a combination");
        }
        this.name = name;
        this.members = List.copyOf(members);
        this.combination = combination;
        requireMembers(this.members.stream().map(f -> new Member(f.name(), f.horizon())).toList());
    }

    /** Refuses no members and members of different horizons, naming them. */
    static void requireMembers(List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member; got none");
        }
        int h = members.get(0).horizon();
        for (int k = 1; k < members.size(); k++) {
            if (members.get(k).horizon() != h) {
                throw new IllegalArgumentException("ensemble members must share one horizon: member 0 ("
                        + members.get(0).name() + ") has horizon " + h + " but member " + k + " ("
                        + members.get(k).name() + ") has " + members.get(k).horizon()
                        + "; give every member the same horizon");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int horizon() {
        return members.get(0).horizon();
    }

    public List<FittedForecaster> members() {
        return members;
    }

    public Combination combination() {
        return combination;
    }

    @Override
    public List<String> futureCovariates() {
        return members.stream().flatMap(m -> m.futureCovariates().stream()).distinct().toList();
    }

    @Override
    public List<String> staticCovariates() {
        return members.stream().flatMap(m -> m.staticCovariates().stream()).distinct().toList();
    }

    @Override
    public Forecast forecast(TimeSeries history) {
        int h = horizon();
        int n = members.size();
        double[][] byMember = new double[n][];
        List<ForecastDistribution> distributions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Forecast first = null;
        for (int k = 0; k < n; k++) {
            Forecast f = members.get(k).forecast(history);
            if (first == null) {
                first = f;
            } else if (!f.index().equals(first.index())) {
                throw new IllegalStateException("ensemble member " + k + " (" + f.model() + ") forecast other time"
                        + " stamps than member 0 for series '" + history.id() + "'");
            }
            byMember[k] = f.values();
            distributions.add(f.distribution());
            if (f.hasNote()) {
                notes.add("member " + k + " (" + f.model() + "): " + f.note());
            }
        }
        double[] out = new double[h];
        double[] step = new double[n];
        for (int t = 0; t < h; t++) {
            for (int k = 0; k < n; k++) {
                step[k] = byMember[k][t];
            }
            out[t] = combination.combine(step);
        }
        return new Forecast(history.id(), name, first.index(), out, String.join("; ", notes),
                combined(distributions));
    }

    /**
     * The members' distributions combined level by level and step by step, when all carry the same levels and
     * coverages; else {@link ForecastDistribution#NONE}.
     */
    private ForecastDistribution combined(List<ForecastDistribution> distributions) {
        ForecastDistribution first = distributions.get(0);
        for (ForecastDistribution d : distributions) {
            if (d.isEmpty() || !Arrays.equals(d.quantileLevels(), first.quantileLevels())
                    || !Arrays.equals(d.coverages(), first.coverages())) {
                return ForecastDistribution.NONE;
            }
        }
        int h = first.horizon();
        int levels = first.levels().length;
        double[][][] byMember = distributions.stream().map(ForecastDistribution::values).toArray(double[][][]::new);
        double[][] out = new double[h][levels];
        double[] values = new double[byMember.length];
        for (int t = 0; t < h; t++) {
            for (int j = 0; j < levels; j++) {
                for (int k = 0; k < byMember.length; k++) {
                    values[k] = byMember[k][t][j];
                }
                out[t][j] = combination.combine(values);
            }
        }
        return new ForecastDistribution(first.quantileLevels(), first.coverages(), out);
    }

    /** The series without windows of every member. */
    @Override
    public List<String> seriesWithoutWindows() {
        return members.stream().flatMap(m -> m.seriesWithoutWindows().stream()).toList();
    }

    /** The divergence of every member that diverged. */
    @Override
    public List<String> divergence() {
        return members.stream().flatMap(m -> m.divergence().stream()).toList();
    }
}
