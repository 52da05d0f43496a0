package org.seqcast.onnx;

/**
 * How {@link OnnxExport} writes a model.
 *
 * <p>Without baked scaling (the default) the graph is the network alone: it takes what the network takes
 * (for a forecaster, windows already transformed, scaled and taken relative to their last value, as
 * {@code org.seqcast.forecast.Windows} cuts them) and returns what it returns; the metadata carry everything
 * needed to do that outside. With baked scaling (forecasters only) the graph takes raw values and returns
 * forecasts in the series' units, using the scalers of one training series (see {@link OnnxExport}).
 *
 * @param bakeScaling whether to put the forecaster's transform, scaling and anchor arithmetic into the graph
 * @param seriesId    with baked scaling, the training series whose scalers the graph uses; null chooses the only
 *                    series of a model trained on one (an error when there are several)
 * @param targetName  the name of the target column, for the metadata (a model does not record it; the model file's
 *                    manifest does); default {@value #DEFAULT_TARGET}, the name {@code TimeSeries.of} gives
 */
public record OnnxExportOptions(boolean bakeScaling, String seriesId, String targetName) {
    /** The target name used when none is given. */
    public static final String DEFAULT_TARGET = "value";

    public OnnxExportOptions {
        if (seriesId != null && !bakeScaling) {
            throw new IllegalArgumentException("a series id (" + seriesId + ") only chooses the scalers of baked scaling;"
                    + " enable bakeScaling or leave the series id out");
        }
        if (seriesId != null && seriesId.isBlank()) {
            throw new IllegalArgumentException("the series id must not be blank; use null for the only series");
        }
        if (targetName == null || targetName.isBlank()) {
            throw new IllegalArgumentException("the target name must not be blank");
        }
    }

    /** The network alone, target named {@value #DEFAULT_TARGET}. */
    public static OnnxExportOptions defaults() {
        return new OnnxExportOptions(false, null, DEFAULT_TARGET);
    }

    /** Baked scaling with the scalers of series {@code seriesId} (null: the only training series). */
    public static OnnxExportOptions baked(String seriesId) {
        return new OnnxExportOptions(true, seriesId, DEFAULT_TARGET);
    }

    /** The same options with another target column name. */
    public OnnxExportOptions withTargetName(String name) {
        return new OnnxExportOptions(bakeScaling, seriesId, name);
    }
}
