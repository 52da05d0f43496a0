package org.seqcast.io;

import org.seqcast.format.Safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.seqcast.forecast.AffineScaler;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.train.EpochResult;
import org.seqcast.train.History;

/** {@link Manifest} to {@code manifest.json}: pretty-printed, non-finite numbers as null (layout in {@link ModelFile}). */
final class ManifestWriter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Two-space indents, {@code "key": value}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private ManifestWriter() {
    }

    /** Pretty-printed UTF-8 JSON ending in a newline. */
    static byte[] write(Manifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ModelFile.FORMAT);
        root.put("format_version", m.formatVersion());
        root.put("seqcast_version", m.seqcastVersion());
        root.put("created", m.created().toString());
        writeArchitecture(root.putObject("architecture"), m.architecture());
        writeConfig(root.putObject("config"), m.config());
        writeData(root.putObject("data"), m.data());
        ObjectNode scalers = root.putObject("scalers");
        m.scalers().forEach((id, sc) -> {
            ObjectNode s = scalers.putObject(id);
            s.put("transform", sc.transform().label());
            writeScaler(s.putObject("target"), sc.target());
            ArrayNode cov = s.putArray("covariates");
            sc.covariates().forEach(c -> writeScaler(cov.addObject(), c));
        });
        writeTraining(root.putObject("training"), m.training());
        ObjectNode w = root.putObject("weights");
        w.put("entry", ModelFile.WEIGHTS_ENTRY);
        w.put("dtype", Safetensors.F32);
        w.put("sha256", m.weights().sha256());
        w.put("tensors", m.weights().tensors());
        w.put("parameters", m.weights().parameters());
        try {
            return (JSON.writer(PRETTY).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest.json", e);
        }
    }

    private static void writeArchitecture(ObjectNode a, Manifest.Architecture arch) {
        a.put("cell", arch.cell().label());
        a.put("units", arch.units());
        a.put("layers", arch.layers());
        a.put("dropout", arch.dropout());
        a.put("strategy", lower(arch.strategy()));
        a.put("window", arch.window());
        a.put("horizon", arch.horizon());
        a.put("inputs", arch.inputs());
        a.put("outputs", arch.outputs());
        a.put("parameters", arch.parameters());
        ArrayNode network = a.putArray("network");
        for (Manifest.LayerSpec l : arch.network()) {
            ObjectNode n = network.addObject();
            n.put("kind", l.kind());
            n.put("settings", l.settings());
            ArrayNode shape = n.putArray("output_shape");
            l.outputShape().forEach(shape::add);
            n.put("parameters", l.parameters());
            ObjectNode tensors = n.putObject("tensors");
            l.tensors().forEach((name, dims) -> {
                ArrayNode t = tensors.putArray(name);
                dims.forEach(t::add);
            });
        }
    }

    private static void writeConfig(ObjectNode c, RnnConfig r) {
        c.put("horizon", r.horizon());
        c.put("window", r.window());
        c.put("cell", r.cell().label());
        c.put("units", r.units());
        c.put("layers", r.layers());
        c.put("dropout", r.dropout());
        c.put("strategy", lower(r.strategy()));
        c.put("transform", r.transform().label());
        c.put("scaling", lower(r.scaling()));
        c.put("anchor", r.anchor().label());
        c.put("calendar_features", r.calendarFeatures());
        ArrayNode cov = c.putArray("covariates");
        r.covariates().forEach(cov::add);
        c.put("epochs", r.epochs());
        c.put("batch_size", r.batchSize());
        c.put("learning_rate", r.learningRate());
        c.put("optimizer", r.optimizer());
        c.put("loss", r.loss());
        c.put("patience", r.patience());
        c.put("validation_fraction", r.validationFraction());
        c.put("clip_norm", r.clipNorm());
        c.put("seed", r.seed());
        c.put("threads", r.threads());
    }

    private static void writeData(ObjectNode d, Manifest.DataSchema data) {
        d.put("target", data.target());
        ArrayNode cov = d.putArray("covariates");
        data.covariates().forEach(cov::add);
        d.put("frequency", data.frequency().label());
        d.put("seasonal_period", data.seasonalPeriod());
        ObjectNode last = d.putObject("last_time_stamps");
        data.lastTimeStamps().forEach(last::put);
        ArrayNode cal = d.putArray("calendar_features");
        data.calendarFeatures().forEach(cal::add);
        if (data.timeColumn() != null) {
            d.put("time_column", data.timeColumn());
        }
        if (data.idColumn() != null) {
            d.put("id_column", data.idColumn());
        }
    }

    private static void writeScaler(ObjectNode s, AffineScaler a) {
        s.put("center", a.center());
        s.put("scale", a.scale());
    }

    private static void writeTraining(ObjectNode t, Manifest.Training tr) {
        History h = tr.history();
        t.put("seed", tr.seed());
        t.put("data_sha256", tr.dataSha256());
        t.put("epochs_run", tr.epochsRun());
        t.put("best_epoch", tr.bestEpoch());
        if (h == null) {
            t.putNull("stop_reason");
        } else {
            t.put("stop_reason", h.stopReason());
        }
        t.put("diverged", h != null && h.diverged());
        putNumber(t, "best_val_loss", tr.bestValLoss());
        ArrayNode loss = t.putArray("loss");
        ArrayNode valLoss = t.putArray("val_loss");
        ArrayNode lr = t.putArray("learning_rate");
        ArrayNode millis = t.putArray("epoch_millis");
        if (h != null) {
            for (EpochResult e : h.epochs()) {
                addNumber(loss, e.loss());
                addNumber(valLoss, e.valLoss());
                addNumber(lr, e.learningRate());
                millis.add(e.millis());
            }
        }
        t.put("training_windows", tr.trainingWindows());
        t.put("validation_windows", tr.validationWindows());
        ObjectNode metrics = t.putObject("metrics");
        tr.metrics().forEach((k, v) -> putNumber(metrics, k, v));
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
