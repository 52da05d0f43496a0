package org.seqcast.forecast;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.data.TimeSeries;
import org.seqcast.tensor.Tensor;

/**
 * The one home of how a network with a decoder ({@link RnnForecaster#conditionedNetwork}) gets its inputs, for
 * training and forecasting alike: the window (W, F) as {@value RnnForecaster#INPUT}, the decoder's future-known
 * values (D) as {@value RnnForecaster#FUTURE}, the standardised numeric static attributes as
 * {@value RnnForecaster#STATIC}, and each categorical attribute one-hot as {@link #categoryInput}. An instance
 * holds the decoder's inputs of a fixed number of rows; a network without a decoder needs none of them and gets
 * only its window.
 */
final class DecoderInputs {
    private final Windows windows;
    private final StaticEncoding statics;
    private final int rows;
    private final float[] future;
    private final float[] numeric;
    private final float[][] categories;

    /** Zeroed decoder inputs of {@code rows} rows. */
    DecoderInputs(Windows windows, StaticEncoding statics, int rows) {
        this.windows = windows;
        this.statics = statics;
        this.rows = rows;
        this.future = new float[rows * windows.futureWidth()];
        this.numeric = new float[rows * statics.numeric().size()];
        this.categories = new float[statics.categorical().size()][];
        for (int j = 0; j < categories.length; j++) {
            categories[j] = new float[rows * statics.categorical().get(j).width()];
        }
    }

    /** The input name of categorical attribute {@code name}: {@code static_<name>} ('.' written as '_'). */
    static String categoryInput(String name) {
        return RnnForecaster.STATIC + "_" + name.replace('.', '_');
    }

    /**
     * Writes row {@code row}'s decoder inputs for the steps from point n of {@code s}: the future-known values,
     * the numeric attributes and the one-hot categories (the unknown slot for every category when
     * {@code unknown}).
     */
    void write(int row, Windows.Scaled s, TimeSeries series, int n, boolean unknown) {
        int d = windows.futureWidth();
        if (d > 0) {
            windows.future(s, n, future, row * d);
        }
        int sn = statics.numeric().size();
        if (sn > 0) {
            System.arraycopy(statics.numericInput(series), 0, numeric, row * sn, sn);
        }
        for (int j = 0; j < categories.length; j++) {
            StaticEncoding.Categorical c = statics.categorical().get(j);
            int slot = unknown ? c.width() - 1 : statics.slot(j, series);
            categories[j][row * c.width() + slot] = 1f;
        }
    }

    /** The named input tensors of every row: the windows {@code x} (rows · W · F floats), then the decoder's. */
    Map<String, Tensor> tensors(float[] x) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put(RnnForecaster.INPUT, Tensor.wrap(x, rows, windows.window(), windows.features()));
        if (windows.futureWidth() > 0) {
            in.put(RnnForecaster.FUTURE, Tensor.wrap(future, rows, windows.futureWidth()));
        }
        if (!statics.numeric().isEmpty()) {
            in.put(RnnForecaster.STATIC, Tensor.wrap(numeric, rows, statics.numeric().size()));
        }
        for (int j = 0; j < categories.length; j++) {
            StaticEncoding.Categorical c = statics.categorical().get(j);
            in.put(categoryInput(c.name()), Tensor.wrap(categories[j], rows, c.width()));
        }
        return in;
    }
}
