package org.seqcast.io;

import org.seqcast.format.ModelFileException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.forecast.AffineScaler;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.train.EpochResult;
import org.seqcast.train.History;

/**
 * {@code manifest.json} to a checked {@link Manifest}: the format and its version first, then every field,
 * each problem reported with the field's path (layout in {@link ModelFile}).
 */
final class ManifestReader {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ManifestReader() {
    }

    /** Parses and checks {@code manifest.json}; {@code source} names the model file in errors. */
    static Manifest read(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new ModelFileException(source, "manifest.json is not valid JSON (" + why + "): the file is"
                    + " damaged; save the model again", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(source, "manifest.json is not a JSON object: the file is damaged; save the"
                    + " model again");
        }
        JsonNode format = root.get("format");
        if (format == null || !ModelFile.FORMAT.equals(format.textValue())) {
            throw new ModelFileException(source, "manifest.json has format " + (format == null ? "(none)" : format)
                    + ", not \"" + ModelFile.FORMAT + "\": this is not a Seqcast model file");
        }
        JsonFields f = new JsonFields(source);
        int version = f.integer(root, "", "format_version");
        if (version > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(source, "written by a newer Seqcast (format " + version + "); this version"
                    + " reads format " + ModelFile.FORMAT_VERSION + ": upgrade Seqcast to load it");
        }
        if (version < 1) {
            throw f.error("format_version", "is " + version + ", which no Seqcast writes");
        }
        JsonNode kind = root.get("kind");
        if (kind != null && NetworkFile.KIND.equals(kind.textValue())) {
            throw new ModelFileException(source, "holds a bare network (" + NetworkFile.describeSource(root)
                    + ") without forecasting settings, so it cannot forecast dates: run it on arrays with"
                    + " 'seqcast predict', export it, or train a forecasting model with 'seqcast fit'");
        }
        String seqcastVersion = f.text(root, "", "seqcast_version");
        Instant created = f.parse("created", f.text(root, "", "created"), Instant::parse);
        RnnConfig config = readConfig(f.object(root, "", "config"), f);
        Manifest.Architecture arch = readArchitecture(f.object(root, "", "architecture"), f);
        Manifest.DataSchema data = readData(f.object(root, "", "data"), f);
        Map<String, SeriesScalers> scalers = readScalers(f.object(root, "", "scalers"), f);
        Manifest.Training training = readTraining(f.object(root, "", "training"), f);
        JsonNode w = f.object(root, "", "weights");
        String entry = f.text(w, "weights", "entry");
        if (!entry.equals(ModelFile.WEIGHTS_ENTRY)) {
            throw f.error("weights.entry", "is '" + entry + "', not '" + ModelFile.WEIGHTS_ENTRY + "'");
        }
        Manifest.Weights weights = f.build("weights", () -> new Manifest.Weights(f.text(w, "weights", "sha256"),
                f.integer(w, "weights", "tensors"), f.longInteger(w, "weights", "parameters")));
        return f.build("", () -> new Manifest(version, seqcastVersion, created, arch, config, data, scalers, training,
                weights));
    }

    private static RnnConfig readConfig(JsonNode c, JsonFields f) {
        String p = "config";
        return f.build(p, () -> new RnnConfig(f.integer(c, p, "horizon"), f.integer(c, p, "window"),
                f.parse("config.cell", f.text(c, p, "cell"), Cell::parse), f.integer(c, p, "units"),
                f.integer(c, p, "layers"), f.number(c, p, "dropout"),
                f.parse("config.strategy", f.text(c, p, "strategy"), Strategy::parse),
                f.parse("config.transform", f.text(c, p, "transform"), TargetTransform::parse),
                f.parse("config.scaling", f.text(c, p, "scaling"), Scaling::parse),
                f.parse("config.anchor", f.text(c, p, "anchor"), Anchor::parse), f.bool(c, p, "calendar_features"),
                f.strings(c, p, "covariates"), f.integer(c, p, "epochs"), f.integer(c, p, "batch_size"),
                f.number(c, p, "learning_rate"), f.text(c, p, "optimizer"), f.text(c, p, "loss"),
                f.integer(c, p, "patience"), f.number(c, p, "validation_fraction"), f.number(c, p, "clip_norm"),
                f.longInteger(c, p, "seed"), f.integer(c, p, "threads")));
    }

    private static Manifest.Architecture readArchitecture(JsonNode a, JsonFields f) {
        String p = "architecture";
        ArrayNode network = f.array(a, p, "network");
        List<Manifest.LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < network.size(); k++) {
            String lp = p + ".network[" + k + "]";
            JsonNode l = network.get(k);
            if (!l.isObject()) {
                throw f.error(lp, "must be an object; got " + l.getNodeType());
            }
            Map<String, List<Integer>> tensors = new LinkedHashMap<>();
            JsonNode t = f.object(l, lp, "tensors");
            for (Iterator<String> names = t.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                tensors.put(name, f.integers(t, lp + ".tensors", name));
            }
            layers.add(f.build(lp, () -> new Manifest.LayerSpec(f.text(l, lp, "kind"), f.text(l, lp, "settings"),
                    f.integers(l, lp, "output_shape"), f.longInteger(l, lp, "parameters"), tensors)));
        }
        return f.build(p, () -> new Manifest.Architecture(f.parse("architecture.cell", f.text(a, p, "cell"), Cell::parse),
                f.integer(a, p, "units"), f.integer(a, p, "layers"), f.number(a, p, "dropout"),
                f.parse("architecture.strategy", f.text(a, p, "strategy"), Strategy::parse), f.integer(a, p, "window"),
                f.integer(a, p, "horizon"), f.integer(a, p, "inputs"), f.integer(a, p, "outputs"),
                f.longInteger(a, p, "parameters"), layers));
    }

    /** An optional text field (absent or null: null). */
    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Manifest.DataSchema readData(JsonNode d, JsonFields f) {
        String p = "data";
        Map<String, String> last = new LinkedHashMap<>();
        JsonNode stamps = f.object(d, p, "last_time_stamps");
        for (Iterator<String> ids = stamps.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            last.put(id, f.text(stamps, p + ".last_time_stamps", id));
        }
        return f.build(p, () -> new Manifest.DataSchema(f.text(d, p, "target"), f.strings(d, p, "covariates"),
                f.parse("data.frequency", f.text(d, p, "frequency"), Frequency::parse), f.integer(d, p, "seasonal_period"),
                last, f.strings(d, p, "calendar_features"), optionalText(d, "time_column"), optionalText(d, "id_column")));
    }

    private static Map<String, SeriesScalers> readScalers(JsonNode s, JsonFields f) {
        Map<String, SeriesScalers> out = new LinkedHashMap<>();
        for (Iterator<String> ids = s.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            String p = "scalers." + id;
            JsonNode one = f.object(s, "scalers", id);
            TargetTransform transform = f.parse(p + ".transform", f.text(one, p, "transform"), TargetTransform::parse);
            AffineScaler target = readScaler(f.object(one, p, "target"), p + ".target", f);
            ArrayNode cov = f.array(one, p, "covariates");
            List<AffineScaler> covariates = new ArrayList<>();
            for (int k = 0; k < cov.size(); k++) {
                String cp = p + ".covariates[" + k + "]";
                if (!cov.get(k).isObject()) {
                    throw f.error(cp, "must be an object with center and scale; got " + cov.get(k));
                }
                covariates.add(readScaler(cov.get(k), cp, f));
            }
            out.put(id, new SeriesScalers(transform, target, covariates));
        }
        return out;
    }

    private static AffineScaler readScaler(JsonNode s, String p, JsonFields f) {
        return f.build(p, () -> new AffineScaler(f.number(s, p, "center"), f.number(s, p, "scale")));
    }

    private static Manifest.Training readTraining(JsonNode t, JsonFields f) {
        String p = "training";
        double[] loss = f.numbersOrNaN(t, p, "loss");
        double[] valLoss = f.numbersOrNaN(t, p, "val_loss");
        double[] lr = f.numbersOrNaN(t, p, "learning_rate");
        long[] millis = f.longIntegers(t, p, "epoch_millis");
        int epochs = f.integer(t, p, "epochs_run");
        if (loss.length != epochs || valLoss.length != epochs || lr.length != epochs || millis.length != epochs) {
            throw f.error(p, "has " + epochs + " epochs but loss curves of " + loss.length + ", " + valLoss.length
                    + ", " + lr.length + " and " + millis.length + " values");
        }
        String stopReason = f.textOrNull(t, p, "stop_reason");
        History history = null;
        if (stopReason != null) {
            List<EpochResult> results = new ArrayList<>();
            for (int k = 0; k < epochs; k++) {
                results.add(new EpochResult(k + 1, loss[k], valLoss[k], lr[k], millis[k]));
            }
            history = new History(results, stopReason, f.bool(t, p, "diverged"), f.integer(t, p, "best_epoch"));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = f.object(t, p, "metrics");
        for (Iterator<String> names = m.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            metrics.put(name, f.numberOrNaN(m.get(name), p + ".metrics." + name));
        }
        History h = history;
        return f.build(p, () -> new Manifest.Training(f.longInteger(t, p, "seed"), f.text(t, p, "data_sha256"), h,
                f.integer(t, p, "training_windows"), f.integer(t, p, "validation_windows"), metrics));
    }
}
