package org.seqcast.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.seqcast.forecast.ConformalCalibration;
import org.seqcast.forecast.DecomposedForecaster;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.train.History;

/** The text of {@link ModelFile#describe}: what {@code seqcast inspect} prints. */
final class ModelDescription {
    /** Series listed by name before the rest are counted. */
    private static final int SERIES_SHOWN = 10;

    private ModelDescription() {
    }

    static String of(LoadedModel loaded) {
        Manifest m = loaded.manifest();
        Manifest.DataSchema d = m.data();
        StringBuilder sb = new StringBuilder();
        line(sb, "Seqcast model %s", loaded.source());
        line(sb, "  format %d, written by Seqcast %s at %s", m.formatVersion(), m.seqcastVersion(), m.created());
        line(sb, "");
        section(sb, m.forecaster(), m, "");
        line(sb, "Data: target '%s', covariates %s, frequency %s, seasonal period %d", d.target(),
                m.forecaster().covariatesUsed().isEmpty() ? "none used"
                        : String.join(", ", m.forecaster().covariatesUsed()) + " used",
                d.frequency().label(), d.seasonalPeriod());
        if (!d.covariates().isEmpty()) {
            line(sb, "  covariate columns of the data: %s", String.join(", ", d.covariates()));
        }
        line(sb, "  %d series: %s", d.lastTimeStamps().size(), series(d.lastTimeStamps()));
        line(sb, "  data SHA-256 %s", m.provenance().dataSha256());
        line(sb, "");
        if (m.provenance().metrics().isEmpty()) {
            line(sb, "Metrics: none recorded");
        } else {
            List<String> parts = new ArrayList<>();
            m.provenance().metrics().forEach((k, v) -> parts.add(k + " " + num(v)));
            line(sb, "Metrics: %s", String.join(", ", parts));
        }
        return sb.toString();
    }

    /** One forecaster's lines, indented by {@code in} (an ensemble's members one level deeper). */
    private static void section(StringBuilder sb, ForecasterSection s, Manifest m, String in) {
        Runnable describe = switch (s.kind()) {
            case RNN -> () -> rnn(sb, (RnnSection) s, m, in);
            case BASELINE -> () -> baseline(sb, (BaselineSection) s, in);
            case ENSEMBLE -> () -> ensemble(sb, (EnsembleSection) s, m, in);
            case HYBRID -> () -> hybrid(sb, (HybridSection) s, m, in);
            case CONFORMAL -> () -> conformal(sb, (ConformalSection) s, m, in);
            case REGRESSION -> () -> regression(sb, (RegressionSection) s, in);
        };
        describe.run();
        if (in.isEmpty()) {
            line(sb, "");
        }
    }

    private static void regression(StringBuilder sb, RegressionSection r, String in) {
        line(sb, "%sRegression: trend, seasonal dummies (period %s) and future-known covariates %s, horizon %d"
                + " (refitted on each history it forecasts from)", in, r.seasonalPeriod() > 0
                ? String.valueOf(r.seasonalPeriod()) : "the history's", r.regressors(), r.horizon());
        if (!r.levels().isEmpty()) {
            line(sb, "%s  intervals: %s, R's (Student t)", in, r.levels().stream()
                    .map(l -> ForecastDistribution.percent(l) + "%").collect(Collectors.joining(", ")));
        }
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The static attributes with how they are read: numeric, or categorical with its categories and embedding. */
    private static String statics(org.seqcast.forecast.StaticEncoding e) {
        List<String> parts = new ArrayList<>();
        e.numeric().forEach(n -> parts.add(n + " (numeric)"));
        e.categorical().forEach(c -> parts.add(c.name() + " (categorical: " + c.categories().size()
                + " categories and unknown, embedding " + c.embedding() + ")"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void baseline(StringBuilder sb, BaselineSection b, String in) {
        line(sb, "%sBaseline: %s, horizon %d, seasonal period %s (refitted on each history it forecasts from)", in,
                b.method(), b.horizon(), b.seasonalPeriod() > 0 ? String.valueOf(b.seasonalPeriod()) : "the history's");
        if (!b.levels().isEmpty()) {
            line(sb, "%s  intervals: %s, the method's own (as R's forecast computes them)", in, b.levels().stream()
                    .map(l -> ForecastDistribution.percent(l) + "%").collect(Collectors.joining(", ")));
        }
    }

    private static void ensemble(StringBuilder sb, EnsembleSection e, Manifest m, String in) {
        line(sb, "%sEnsemble '%s': %s of %d member%s per step, horizon %d (member k's tensors under %s)", in,
                e.name(), e.combination().label(), e.members().size(), e.members().size() == 1 ? "" : "s",
                e.horizon(), EnsembleSection.prefix(0).replace("0", "k"));
        for (int k = 0; k < e.members().size(); k++) {
            line(sb, "%s  member %d:", in, k);
            section(sb, e.members().get(k), m, in + "    ");
        }
    }

    private static void conformal(StringBuilder sb, ConformalSection c, Manifest m, String in) {
        ConformalCalibration cal = c.calibration();
        List<String> levels = new ArrayList<>();
        for (double l : cal.levels()) {
            levels.add(ForecastDistribution.percent(l) + "%");
        }
        line(sb, "%sConformal '%s': %s intervals from %d calibration windows (%s scores; inner forecaster's tensors"
                + " under %s)", in, c.name(), String.join(", ", levels), cal.windows(),
                cal.score().name().toLowerCase(Locale.ROOT), ConformalSection.PREFIX);
        section(sb, c.inner(), m, in + "  ");
    }

    private static void hybrid(StringBuilder sb, HybridSection h, Manifest m, String in) {
        long adjusted = h.adjustments().stream().filter(a -> a.adjusted()).count();
        line(sb, "%sHybrid: %s on seasonally adjusted series (%d of %d training series adjusted; network tensors"
                + " under %s)", in, DecomposedForecaster.name(h.network().config().cell()), adjusted,
                h.adjustments().size(), HybridSection.PREFIX);
        rnn(sb, h.network(), m, in + "  ");
    }

    private static void rnn(StringBuilder sb, RnnSection s, Manifest m, String in) {
        Manifest.Architecture a = s.architecture();
        RnnConfig c = s.config();
        Manifest.Training t = s.training();
        line(sb, "%sArchitecture: %s, %d layer%s of %d units, dropout %s, %s strategy", in,
                c.architecture().forecasterName(a.cell()),
                a.layers(), a.layers() == 1 ? "" : "s", a.units(), num(a.dropout()), lower(a.strategy()));
        line(sb, "%s  input: window of %d steps x %d features; output: %d value%s per window (horizon %d)", in,
                a.window(), a.inputs(), a.outputs(), a.outputs() == 1 ? "" : "s", a.horizon());
        if (c.hasQuantiles()) {
            line(sb, "%s  quantiles at levels %s per step, which cannot cross (the median and softplus steps);"
                    + " the forecast is the median", in, c.quantiles());
        }
        line(sb, "%s  %-3s %-34s %-14s %10s", in, "#", "layer", "output shape", "params");
        for (int k = 0; k < a.network().size(); k++) {
            Manifest.LayerSpec l = a.network().get(k);
            String shape = l.outputShape().stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
            line(sb, "%s  %-3d %-34s %-14s %10d", in, k, l.kind() + "(" + l.settings() + ")", shape, l.parameters());
        }
        line(sb, "%s  total parameters: %d (%d tensors, float32)", in, a.parameters(),
                a.network().stream().mapToInt(l -> l.tensors().size()).sum());
        line(sb, "%s  calendar features: %s", in, s.calendarFeatures().isEmpty() ? "none"
                : String.join(", ", s.calendarFeatures()));
        line(sb, "%s  covariates: past %s; future-known %s; static %s", in, names(c.covariates()),
                names(c.futureCovariates()), statics(s.statics()));
        line(sb, "%s  transform %s, %s scaling per series, anchor %s; scalers of %d series", in, c.transform().label(),
                lower(c.scaling()), c.anchor().label(), s.scalers().size());
        line(sb, "%sTraining: optimizer %s (learning rate %s), loss %s, batch %d, up to %d epochs, patience %d,"
                        + " validation fraction %s, clip norm %s, seed %d, %d thread%s", in, c.optimizer(),
                num(c.learningRate()), c.loss(), c.batchSize(), c.epochs(), c.patience(), num(c.validationFraction()),
                c.clipNorm() > 0 ? num(c.clipNorm()) : "none", t.seed(), c.threads(), c.threads() == 1 ? "" : "s");
        History h = t.history();
        if (h == null) {
            line(sb, "%s  history: not recorded", in);
        } else {
            line(sb, "%s  ran %d epoch%s (%s)%s; best epoch %d, validation loss %s", in, h.epochsRun(),
                    h.epochsRun() == 1 ? "" : "s", h.stopReason(), h.diverged() ? ", DIVERGED" : "", h.bestEpoch(),
                    num(t.bestValLoss()));
            if (h.epochsRun() > 0) {
                double[] loss = h.loss();
                double[] val = h.valLoss();
                line(sb, "%s  loss %s -> %s, validation loss %s -> %s (first -> last epoch)", in, num(loss[0]),
                        num(loss[loss.length - 1]), num(val[0]), num(val[val.length - 1]));
            }
        }
        line(sb, "%s  %d training windows, %d validation windows", in, t.trainingWindows(), t.validationWindows());
    }

    private static String series(Map<String, String> last) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : last.entrySet()) {
            if (parts.size() == SERIES_SHOWN) {
                parts.add("... and " + (last.size() - SERIES_SHOWN) + " more");
                break;
            }
            parts.add(e.getKey() + " (last " + e.getValue() + ")");
        }
        return String.join(", ", parts);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
