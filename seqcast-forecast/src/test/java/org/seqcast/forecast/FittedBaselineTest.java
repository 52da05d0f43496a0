package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.baseline.EtsFit;
import org.seqcast.baseline.NaiveFit;
import org.seqcast.baseline.SeasonalNaiveFit;
import org.seqcast.baseline.ThetaFit;
import org.seqcast.data.TimeSeries;

/** A fitted baseline keeps one fit per training series and forecasts from it; other histories get their own fit. */
class FittedBaselineTest {
    private final TimeSeries air = Series.airPassengers();
    private final TimeSeries other = Series.seasonal("other", 60, 100, 1, 10);

    @Test
    void keepsTheFitOfEveryTrainingSeriesAndForecastsFromIt() {
        FittedBaseline fitted = BaselineForecaster.of("theta", 12).fit(List.of(air, other));
        assertEquals(List.of("airpassengers", "other"), List.copyOf(fitted.fits().keySet()));
        FittedBaseline.SeriesFit f = fitted.fits().get("airpassengers");
        assertEquals(144, f.length());
        ThetaFit theta = assertInstanceOf(ThetaFit.class, f.fit());
        assertTrue(theta.seasonal() && theta.sigma2() > 0, theta.toString());
        assertSame(f, fitted.fitOf(air), "the training history reuses its fit");
        assertArrayEquals(theta.forecast(12), fitted.forecast(air).values());
    }

    @Test
    void anotherHistoryGetsItsOwnFit() {
        FittedBaseline fitted = BaselineForecaster.of("ses", 6).fit(air.head(100));
        FittedBaseline.SeriesFit longer = fitted.fitOf(air);
        assertNotSame(fitted.fits().get("airpassengers"), longer);
        assertEquals(144, longer.length());
        assertArrayEquals(BaselineForecaster.of("ses", 6).fit(air).forecast(air).values(),
                fitted.forecast(air).values());
        TimeSeries changed = TimeSeries.of("airpassengers", air.head(100).index(), scaled(air.head(100).values(), 2));
        assertNotSame(fitted.fits().get("airpassengers"), fitted.fitOf(changed), "same id, other values: refitted");
        assertEquals(2 * ((EtsFit) fitted.fits().get("airpassengers").fit()).finalState()[0],
                ((EtsFit) fitted.fitOf(changed).fit()).finalState()[0], 1e-6);
    }

    @Test
    void aRebuiltFitForecastsTheSame() {
        FittedBaseline fitted = BaselineForecaster.of("hw", 12).fit(air);
        FittedBaseline rebuilt = new FittedBaseline(fitted.method(), List.copyOf(fitted.fits().values()), 0);
        assertEquals(fitted.fits(), rebuilt.fits());
        assertArrayEquals(fitted.forecast(air).values(), rebuilt.forecast(air).values());
        assertThrows(IllegalArgumentException.class, () -> new FittedBaseline(fitted.method(),
                List.of(fitted.fits().get("airpassengers"), fitted.fits().get("airpassengers")), 0));
    }

    @Test
    void tooShortHistoriesKeepTheFallbackFitAndSaySo() {
        TimeSeries shortSeason = air.head(14);
        FittedBaseline fitted = BaselineForecaster.of("hw", 12).fit(shortSeason);
        FittedBaseline.SeriesFit f = fitted.fits().get("airpassengers");
        assertInstanceOf(SeasonalNaiveFit.class, f.fit());
        assertTrue(f.isFallback());
        assertEquals("hw needs 21 points, the history has 14: seasonal naive forecast instead", f.note());
        assertEquals(f.note(), fitted.forecast(shortSeason).note());
        FittedBaseline.SeriesFit naive = BaselineForecaster.of("theta", 3).fit(air.head(5)).fits().get("airpassengers");
        assertInstanceOf(NaiveFit.class, naive.fit());
        assertTrue(naive.note().startsWith("theta needs 7 points"), naive.note());
    }

    private static double[] scaled(double[] v, double k) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= k;
        }
        return out;
    }
}
