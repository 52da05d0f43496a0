package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvOptionsTest {
    @Test
    void defaults() {
        CsvOptions o = CsvOptions.defaults();
        assertNull(o.timeColumn());
        assertNull(o.target());
        assertNull(o.idColumn());
        assertNull(o.covariates());
        assertNull(o.datePattern());
        assertNull(o.frequency());
        assertEquals(0, o.seasonalPeriod());
        assertEquals(MissingPolicy.ERROR, o.missingPolicy());
        assertEquals(',', o.delimiter());
        assertFalse(o.eachColumnIsASeries());
        assertFalse(o.allCovariates());
    }

    @Test
    void builderSetsEveryOptionAndRoundTrips() {
        CsvOptions o = CsvOptions.builder().timeColumn("date").target("drivers").covariates("kms", "law")
                .datePattern("dd/MM/yyyy").frequency(Frequency.MONTHLY).seasonalPeriod(6)
                .missingPolicy(MissingPolicy.INTERPOLATE).delimiter(';').build();
        assertEquals(List.of("kms", "law"), o.covariates());
        assertEquals(o, o.toBuilder().build());
        assertTrue(CsvOptions.builder().allCovariates().build().allCovariates());
    }

    @Test
    void contradictionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().timeColumn(" ").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().target("x").covariates("x").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().covariates("a", "a").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().covariates("*", "a").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().timeColumn("d").target("d").build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().seasonalPeriod(-1).build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().missingPolicy(null).build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().delimiter('"').build());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().eachColumnIsASeries(true)
                .target("DAX").build());
        String m = assertThrows(IllegalArgumentException.class, () -> CsvOptions.builder().datePattern("yyyy-bb")
                .build()).getMessage();
        assertTrue(m.contains("invalid date pattern 'yyyy-bb'"), m);
    }
}
