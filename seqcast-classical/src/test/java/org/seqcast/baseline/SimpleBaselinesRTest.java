package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The deterministic baselines against R's meanf, naive, snaive and rwf(drift) (tools/golden/accuracy_r.R), to 1e-9. */
class SimpleBaselinesRTest {
    @Test
    void matchesR() {
        JsonNode root = RFixture.json("accuracy_r.json");
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            double[] train = RFixture.doubles(c.get("train"));
            double[] expected = RFixture.doubles(c.get("forecast"));
            int h = c.get("h").asInt();
            int m = c.get("m").asInt();
            double[] got = switch (c.get("method").asText()) {
                case "naive" -> SimpleBaselines.naive(train, h);
                case "snaive" -> SimpleBaselines.seasonalNaive(train, h, m);
                case "drift" -> SimpleBaselines.drift(train, h);
                case "mean" -> SimpleBaselines.mean(train, h);
                default -> throw new IllegalStateException("unknown method in fixture: " + c.get("method"));
            };
            for (int k = 0; k < h; k++) {
                assertTrue(Math.abs(got[k] - expected[k]) <= 1e-9 * Math.abs(expected[k]),
                        c.get("series").asText() + " " + c.get("method").asText() + " step " + (k + 1) + ": R "
                                + expected[k] + ", Seqcast " + got[k]);
            }
            checked++;
        }
        assertEquals(16, checked);
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeason() {
        assertArrayEquals(new double[] {3, 4, 3, 4, 3}, SimpleBaselines.seasonalNaive(new double[] {1, 2, 3, 4}, 5, 2));
    }

    @Test
    void shortOrBrokenHistoryIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimpleBaselines.drift(new double[] {1}, 3))
                .getMessage().contains("at least 2 past values; got 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimpleBaselines.seasonalNaive(new double[] {1, 2}, 3, 12)).getMessage().contains("period 12"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimpleBaselines.naive(new double[] {1, Double.NaN}, 3)).getMessage().contains("position 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimpleBaselines.mean(new double[] {1}, 0))
                .getMessage().contains("horizon"));
    }
}
