package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sizes no forecaster needs are refused before anything is allocated, naming the parameter, value and limit. */
class SizeLimitsTest {
    private static String refusal(RnnConfig.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void everyLimitNamesItsParameterValueLimitAndReason() {
        String units = refusal(RnnConfig.builder(6).units(1_000_000));
        assertTrue(units.startsWith("units 1000000 is above the limit of 1,024 (forecasting networks use a few"
                + " hundred units"), units);
        assertTrue(refusal(RnnConfig.builder(6).units(4000)).startsWith("units 4000 is above the limit of 1,024"));
        assertTrue(refusal(RnnConfig.builder(6).layers(17)).startsWith("layers 17 is above the limit of 16 ("));
        assertTrue(refusal(RnnConfig.builder(20_000)).startsWith("horizon 20000 is above the limit of 10,000 ("));
        assertTrue(refusal(RnnConfig.builder(6).window(Integer.MAX_VALUE)).startsWith("window 2147483647 is above"
                + " the limit of 50,000 ("));
        assertTrue(refusal(RnnConfig.builder(6).threads(100_000)).startsWith("threads 100000 is above the limit of"
                + " 4,096 ("));
        // the limits themselves are allowed
        RnnConfig max = RnnConfig.builder(RnnConfig.Limit.HORIZON.max()).units(RnnConfig.Limit.UNITS.max())
                .layers(RnnConfig.Limit.LAYERS.max()).batchSize(1).threads(RnnConfig.Limit.THREADS.max()).build();
        assertEquals(1024, max.units());
        assertEquals(4096, max.threads());
    }

    @Test
    void aBufferTooLargeForOneArrayIsRefusedNamingItsFactors() {
        String m = refusal(RnnConfig.builder(6).window(50_000).units(1024).batchSize(64));
        assertTrue(m.startsWith("window 50000 x batch size 64 x 4 gates x 1024 units = 13,107,200,000 values in one"
                + " recurrent layer's buffer, more than one Java array holds"), m);
    }
}
