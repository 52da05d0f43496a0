package org.seqcast.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
        Manifest.Architecture a = m.architecture();
        Manifest.DataSchema d = m.data();
        Manifest.Training t = m.training();
        RnnConfig c = m.config();
        StringBuilder sb = new StringBuilder();
        line(sb, "Seqcast model %s", loaded.file());
        line(sb, "  format %d, written by Seqcast %s at %s", m.formatVersion(), m.seqcastVersion(), m.created());
        line(sb, "");
        line(sb, "Architecture: %s, %d layer%s of %d units, dropout %s, %s strategy", a.cell().label(), a.layers(),
                a.layers() == 1 ? "" : "s", a.units(), num(a.dropout()), lower(a.strategy()));
        line(sb, "  input: window of %d steps x %d features; output: %d value%s per window (horizon %d)", a.window(),
                a.inputs(), a.outputs(), a.outputs() == 1 ? "" : "s", a.horizon());
        line(sb, "  %-3s %-34s %-14s %10s", "#", "layer", "output shape", "params");
        for (int k = 0; k < a.network().size(); k++) {
            Manifest.LayerSpec l = a.network().get(k);
            String shape = l.outputShape().stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
            line(sb, "  %-3d %-34s %-14s %10d", k, l.kind() + "(" + l.settings() + ")", shape, l.parameters());
        }
        line(sb, "  total parameters: %d (%d tensors, float32)", a.parameters(), m.weights().tensors());
        line(sb, "");
        line(sb, "Data: target '%s', covariates %s, frequency %s, seasonal period %d", d.target(),
                c.covariates().isEmpty() ? "none used" : String.join(", ", c.covariates()) + " used",
                d.frequency().label(), d.seasonalPeriod());
        if (!d.covariates().isEmpty()) {
            line(sb, "  covariate columns of the data: %s", String.join(", ", d.covariates()));
        }
        line(sb, "  calendar features: %s", d.calendarFeatures().isEmpty() ? "none" : String.join(", ", d.calendarFeatures()));
        line(sb, "  transform %s, %s scaling per series, anchor %s", c.transform().label(), lower(c.scaling()),
                c.anchor().label());
        line(sb, "  %d series: %s", d.lastTimeStamps().size(), series(d.lastTimeStamps()));
        line(sb, "");
        line(sb, "Training: optimizer %s (learning rate %s), loss %s, batch %d, up to %d epochs, patience %d,"
                        + " validation fraction %s, clip norm %s, seed %d, %d thread%s", c.optimizer(),
                num(c.learningRate()), c.loss(), c.batchSize(), c.epochs(), c.patience(), num(c.validationFraction()),
                c.clipNorm() > 0 ? num(c.clipNorm()) : "none", t.seed(), c.threads(), c.threads() == 1 ? "" : "s");
        History h = t.history();
        if (h == null) {
            line(sb, "  history: not recorded");
        } else {
            line(sb, "  ran %d epoch%s (%s)%s; best epoch %d, validation loss %s", h.epochsRun(),
                    h.epochsRun() == 1 ? "" : "s", h.stopReason(), h.diverged() ? ", DIVERGED" : "", h.bestEpoch(),
                    num(t.bestValLoss()));
            if (h.epochsRun() > 0) {
                double[] loss = h.loss();
                double[] val = h.valLoss();
                line(sb, "  loss %s -> %s, validation loss %s -> %s (first -> last epoch)", num(loss[0]),
                        num(loss[loss.length - 1]), num(val[0]), num(val[val.length - 1]));
            }
        }
        line(sb, "  %d training windows, %d validation windows", t.trainingWindows(), t.validationWindows());
        line(sb, "  data SHA-256 %s", t.dataSha256());
        line(sb, "");
        if (t.metrics().isEmpty()) {
            line(sb, "Metrics: none recorded");
        } else {
            List<String> parts = new ArrayList<>();
            t.metrics().forEach((k, v) -> parts.add(k + " " + num(v)));
            line(sb, "Metrics: %s", String.join(", ", parts));
        }
        return sb.toString();
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
