package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;

/** A network whose training diverged says so as data: its history, and {@link FittedForecaster#divergence()}. */
class DivergenceTest {
    /** Plain SGD at learning rate 1000 on unscaled AirPassengers: the gradients overflow within two epochs. */
    private static RnnConfig exploding() {
        return Series.small(6).scaling(Scaling.NONE).optimizer("sgd").learningRate(1000).epochs(5).build();
    }

    @Test
    void aDivergedNetworkReportsWhy() {
        TimeSeries air = Series.airPassengers();
        FittedRnn fitted = new RnnForecaster(exploding()).fit(air);
        assertTrue(fitted.trainingHistory().diverged(), fitted.trainingHistory()::stopReason);
        List<String> why = fitted.divergence();
        assertEquals(1, why.size(), why::toString);
        assertTrue(why.get(0).startsWith("lstm: non-finite"), why::toString);
        assertEquals(List.of(), new RnnForecaster(Series.small(6).epochs(2).build()).fit(air).divergence());
        assertEquals(List.of(), BaselineForecaster.of("naive", 6).fit(air).divergence());
    }

    @Test
    void anEnsembleReportsItsDivergedMembers() {
        TimeSeries air = Series.airPassengers();
        FittedForecaster ensemble = new EnsembleForecaster(List.of(new RnnForecaster(exploding()),
                BaselineForecaster.of("naive", 6), new RnnForecaster(Series.small(6).epochs(2).build()))).fit(air);
        List<String> why = ensemble.divergence();
        assertEquals(1, why.size(), why::toString);
        assertTrue(why.get(0).startsWith("lstm: non-finite"), why::toString);
    }
}
