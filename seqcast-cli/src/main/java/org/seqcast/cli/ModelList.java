package org.seqcast.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.train.TrainingListener;

/** Turns the --models list into forecasters. */
final class ModelList {
    static final List<String> NEURAL = List.of("lstm", "gru", "rnn");

    private ModelList() {
    }

    /** lstm, gru and every baseline that suits the data (Holt-Winters only for seasonal data). */
    static List<String> defaults(List<TimeSeries> series) {
        List<String> names = new ArrayList<>(List.of("lstm", "gru", "naive", "snaive", "drift", "ses", "holt"));
        if (series.get(0).seasonalPeriod() >= 2) {
            names.add("hw");
        }
        names.add("theta");
        names.add("ar");
        return names;
    }

    static List<Forecaster> build(List<String> names, int horizon, NetworkOptions net, List<String> covariates,
                                  java.util.function.Function<String, TrainingListener> progress) {
        List<Forecaster> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (NEURAL.contains(name)) {
                RnnForecaster f = new RnnForecaster(net.config(Cell.parse(name), horizon, covariates));
                out.add(progress == null ? f : f.withListener(progress.apply(name)));
            } else if (BaselineForecaster.NAMES.contains(name)) {
                out.add(BaselineForecaster.of(name, horizon));
            } else {
                throw new IllegalArgumentException("unknown model '" + raw + "' in --models; use any of "
                        + String.join(",", NEURAL) + "," + String.join(",", BaselineForecaster.NAMES));
            }
        }
        return out;
    }
}
