package org.seqcast.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;

/**
 * What a model file records about the data a model was trained on, beyond what the model itself knows.
 *
 * @param dataSha256     SHA-256 of the training data (64 hex digits), e.g. {@link #sha256(Path)} of the data file
 * @param target         name of the target column
 * @param covariates     covariate columns of the training data (the model's own covariates must be among them)
 * @param lastTimeStamps per series id, the label of its last training time stamp ({@code TimeIndex.lastLabel()})
 * @param metrics        optional scores by name (e.g. backtest MASE), in order; non-finite values are kept as NaN
 * @param timeColumn     the time column of the training file (null if unknown), so forecasting reads new data alike
 * @param idColumn       the series id column of a long training file (null for a wide file or unknown)
 * @param frequency      the training data's frequency (null when unknown: then only a forecaster with a network,
 *                       which knows it, can be saved)
 * @param seasonalPeriod the training data's seasonal period m (0 when unknown)
 */
public record ModelInfo(String dataSha256, String target, List<String> covariates, Map<String, String> lastTimeStamps,
                        Map<String, Double> metrics, String timeColumn, String idColumn, Frequency frequency,
                        int seasonalPeriod) {
    /** Info without file columns, frequency or seasonal period. */
    public ModelInfo(String dataSha256, String target, List<String> covariates, Map<String, String> lastTimeStamps,
                     Map<String, Double> metrics) {
        this(dataSha256, target, covariates, lastTimeStamps, metrics, null, null, null, 0);
    }

    public ModelInfo {
        if (dataSha256 == null || !dataSha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the data checksum must be a SHA-256 of 64 hex digits; got " + dataSha256);
        }
        dataSha256 = dataSha256.toLowerCase(Locale.ROOT);
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("model info needs the name of the target column");
        }
        covariates = List.copyOf(covariates);
        if (lastTimeStamps == null || lastTimeStamps.isEmpty()) {
            throw new IllegalArgumentException("model info needs the last time stamp of every training series");
        }
        lastTimeStamps.forEach((id, label) -> {
            if (id == null || label == null || label.isBlank()) {
                throw new IllegalArgumentException("series '" + id + "' needs a last time stamp; got " + label);
            }
        });
        lastTimeStamps = Collections.unmodifiableMap(new LinkedHashMap<>(lastTimeStamps));
        Map<String, Double> m = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach((name, value) -> {
                if (name == null || name.isBlank() || value == null) {
                    throw new IllegalArgumentException("metric '" + name + "' needs a name and a value; got " + value);
                }
                m.put(name, value);
            });
        }
        metrics = Collections.unmodifiableMap(m);
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be at least 1 (or 0 when unknown); got "
                    + seasonalPeriod);
        }
    }

    /**
     * The info of training {@code series} (target, covariates, frequency and seasonal period from the first),
     * without metrics.
     */
    public static ModelInfo of(String dataSha256, List<TimeSeries> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("model info needs at least one training series");
        }
        Map<String, String> last = new LinkedHashMap<>();
        for (TimeSeries s : series) {
            last.put(s.id(), s.index().lastLabel());
        }
        TimeSeries first = series.get(0);
        return new ModelInfo(dataSha256, first.target(), first.covariateNames(), last, Map.of(), null, null,
                first.frequency(), first.seasonalPeriod());
    }

    /** The same info with these metrics. */
    public ModelInfo withMetrics(Map<String, Double> scores) {
        return new ModelInfo(dataSha256, target, covariates, lastTimeStamps, scores, timeColumn, idColumn, frequency,
                seasonalPeriod);
    }

    /** The same info with the training file's time and id columns (either may be null). */
    public ModelInfo withColumns(String time, String id) {
        return new ModelInfo(dataSha256, target, covariates, lastTimeStamps, metrics, time, id, frequency,
                seasonalPeriod);
    }

    /** SHA-256 of a file's bytes as 64 lowercase hex digits. */
    public static String sha256(Path file) {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to compute its checksum", e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of bytes as 64 lowercase hex digits. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
