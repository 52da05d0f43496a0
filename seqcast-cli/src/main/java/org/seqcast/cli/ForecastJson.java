package org.seqcast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.seqcast.forecast.Forecast;

/**
 * Forecasts as JSON: per series {@code {"series", "model", "forecast": [{"date", "value"}, ...]}}; a point also
 * holds its distribution's columns ({@code "lo80"}, {@code "hi80"}, {@code "q50"}, ...) when the forecast
 * carries one.
 */
final class ForecastJson {
    private ForecastJson() {
    }

    /** The JSON text of {@code forecasts}, pretty-printed. */
    static String format(List<Forecast> forecasts) throws JsonProcessingException {
        ObjectMapper m = new ObjectMapper();
        ArrayNode all = m.createArrayNode();
        for (Forecast f : forecasts) {
            ObjectNode n = all.addObject();
            n.put("series", f.seriesId());
            n.put("model", f.model());
            if (f.hasNote()) {
                n.put("note", f.note());
            }
            ArrayNode points = n.putArray("forecast");
            double[] v = f.values();
            for (int k = 0; k < v.length; k++) {
                ObjectNode point = points.addObject().put("date", f.label(k)).put("value", v[k]);
                if (f.hasDistribution()) {
                    f.distribution().row(k).forEach(point::put);
                }
            }
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(all);
    }
}
