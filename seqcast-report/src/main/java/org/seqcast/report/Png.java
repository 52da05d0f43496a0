package org.seqcast.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Renders charts off screen to PNG data URIs. */
final class Png {
    /** The prefix of every image the report embeds. */
    static final String DATA_URI_PREFIX = "data:image/png;base64,";

    static {
        Headless.ensure();
    }

    private Png() {
    }

    /** The chart drawn at {@code width} × {@code height} pixels, as a base64 PNG data URI. */
    static String dataUri(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
        return DATA_URI_PREFIX + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
