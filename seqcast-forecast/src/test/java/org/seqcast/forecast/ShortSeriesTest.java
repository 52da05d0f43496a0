package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;

/** A series too short for one training window is named with its length and why, not silently left out. */
class ShortSeriesTest {
    private static final RnnConfig CONFIG = Series.small(3).window(12).epochs(1).build();

    @Test
    void aShortSeriesAmongLongOnesIsNamed() {
        TimeSeries five = Series.seasonal("five", 5, 10, 0, 1);
        TimeSeries long1 = Series.seasonal("long", 60, 10, 0.1, 2);
        FittedRnn fitted = new RnnForecaster(CONFIG).fit(List.of(five, long1));
        assertEquals(List.of("lstm: series 'five' has 5 points, too few for one training window (12 inputs and 3"
                + " targets need 15 training points, and 3 are held out for validation), so it took no part in"
                + " training"), fitted.seriesWithoutWindows());
        assertEquals(fitted.seriesWithoutWindows(), fitted.copy().seriesWithoutWindows());
        FittedForecaster ensemble = new EnsembleForecaster(List.of(new RnnForecaster(CONFIG),
                BaselineForecaster.of("naive", 3))).fit(List.of(five, long1));
        assertEquals(fitted.seriesWithoutWindows(), ensemble.seriesWithoutWindows());
        assertEquals(List.of(), new RnnForecaster(CONFIG).fit(long1).seriesWithoutWindows());
    }

    @Test
    void noSeriesLongEnoughFailsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RnnForecaster(CONFIG)
                .fit(List.of(Series.seasonal("a", 5, 10, 0, 1), Series.seasonal("b", 6, 10, 0, 1))));
        assertTrue(e.getMessage().startsWith("no series is long enough for one training window: a window of 12"
                + " inputs and 3 targets needs 15"), e.getMessage());
    }
}
