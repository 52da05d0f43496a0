package org.seqcast.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreationTimeTest {
    @Test
    void sourceDateEpochFixesTheTimeAndAnUnsetOneLeavesTheClock() {
        assertEquals(Optional.of(Instant.parse("2023-11-14T22:13:20Z")), CreationTime.parse("1700000000"));
        assertEquals(Optional.of(Instant.EPOCH), CreationTime.parse(" 0 "));
        assertEquals(Optional.empty(), CreationTime.parse(null));
        assertEquals(Optional.empty(), CreationTime.parse(""));
    }

    @Test
    void aBadValueIsAnErrorNamingTheVariable() {
        for (String bad : new String[] {"yesterday", "-5", "1.5", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CreationTime.parse(bad));
            assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }
}
