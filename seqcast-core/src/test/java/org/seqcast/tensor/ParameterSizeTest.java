package org.seqcast.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A parameter too large for one array is refused by name and shape, not by an arithmetic overflow. */
class ParameterSizeTest {
    @Test
    void anOversizedParameterNamesItsShape() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("weight_hh_l0", 0f, 4_000_000, 1_000_000)).getMessage();
        assertTrue(m.startsWith("parameter weight_hh_l0 of shape [4000000, 1000000] has more values than one Java"
                + " array holds"), m);
    }
}
