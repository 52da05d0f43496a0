package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Month-end data (quarter ends, month ends starting on the 31st) keeps its month ends in slices and forecasts. */
class MonthEndTest {
    private static TimeSeries read(String csv) {
        return SeriesCsv.read(new StringReader(csv), "m.csv", CsvOptions.defaults()).get(0);
    }

    @Test
    void quarterEndsStayQuarterEnds() {
        TimeSeries q = read("date,value\n2000-03-31,1\n2000-06-30,2\n2000-09-30,3\n2000-12-31,4\n2001-03-31,5\n"
                + "2001-06-30,6\n");
        assertEquals(Frequency.QUARTERLY, q.frequency());
        assertTrue(q.index().monthEnd());
        TimeIndex next = q.index().following(4);
        assertEquals(List.of("2001-09-30", "2001-12-31", "2002-03-31", "2002-06-30"),
                List.of(next.label(0), next.label(1), next.label(2), next.label(3)));
        assertEquals("2000-12-31", q.head(4).index().lastLabel());
        assertEquals("2001-03-31", q.head(4).index().following(1).label(0));
    }

    @Test
    void monthEndsFromThe31stStayMonthEnds() {
        TimeSeries m = read("date,value\n2000-01-31,1\n2000-02-29,2\n2000-03-31,3\n2000-04-30,4\n");
        assertEquals(Frequency.MONTHLY, m.frequency());
        assertEquals("2000-05-31", m.index().following(1).label(0));
        assertEquals("2000-03-31", m.slice(1, 3).index().lastLabel());
        assertEquals("1999-12-31", m.index().label(-1));
    }
}
