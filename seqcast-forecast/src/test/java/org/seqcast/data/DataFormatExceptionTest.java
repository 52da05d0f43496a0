package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {
    @Test
    void messageStartsWithFileLineAndColumn() {
        DataFormatException e = new DataFormatException("airpassengers.csv", 14, "value", "cannot parse 'abc' as a"
                + " number; write numbers with '.' as the decimal point, or leave the cell empty for a missing value");
        assertEquals("airpassengers.csv, line 14, column 'value': cannot parse 'abc' as a number; write numbers with"
                + " '.' as the decimal point, or leave the cell empty for a missing value", e.getMessage());
        assertEquals("airpassengers.csv", e.file());
        assertEquals(14, e.line());
        assertEquals("value", e.column());
        assertTrue(e.problem().startsWith("cannot parse"));
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void unknownPartsAreLeftOut() {
        assertEquals("x.csv: the file is empty", new DataFormatException("x.csv", 0, null, "the file is empty")
                .getMessage());
        assertEquals("x.csv, column 'v': p", new DataFormatException("x.csv", 0, "v", "p").getMessage());
        assertEquals("line 3: p", new DataFormatException(null, 3, null, "p").getMessage());
        assertEquals("p", new DataFormatException(null, 0, null, "p").getMessage());
    }

    @Test
    void needsAProblemAndAValidLine() {
        assertThrows(IllegalArgumentException.class, () -> new DataFormatException("x.csv", 1, null, " "));
        assertThrows(IllegalArgumentException.class, () -> new DataFormatException("x.csv", -1, null, "p"));
    }
}
