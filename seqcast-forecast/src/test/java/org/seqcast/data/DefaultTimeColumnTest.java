package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --time, a column named like a time key wins over column order (long files often start with id, split). */
class DefaultTimeColumnTest {
    @TempDir
    Path dir;

    @Test
    void aColumnNamedDateIsTheTimeColumn() throws IOException {
        Path f = dir.resolve("long.csv");
        Files.writeString(f, "series_id,split,t,date,value\nA,train,1,2000-01-01,5\nA,train,2,2000-04-01,6\n"
                + "A,train,3,2000-07-01,7\nB,train,1,2001-01-01,1\nB,train,2,2001-04-01,2\nB,test,3,2001-07-01,3\n");
        CsvOptions o = CsvOptions.builder().idColumn("series_id").target("value").build();
        assertEquals("date", SeriesCsv.timeColumn(f, o));
        List<TimeSeries> s = SeriesCsv.read(f, o);
        assertEquals(Frequency.QUARTERLY, s.get(0).frequency());
        assertEquals("2001-07-01", s.get(1).index().lastLabel());
    }

    @Test
    void otherwiseTheFirstColumnOrTheGivenOne() throws IOException {
        Path f = dir.resolve("wide.csv");
        Files.writeString(f, "when,value\n2000-01-01,1\n2000-02-01,2\n");
        assertEquals("when", SeriesCsv.timeColumn(f, CsvOptions.defaults()));
        assertEquals("value", SeriesCsv.timeColumn(f, CsvOptions.builder().timeColumn("value").build()));
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertNull(SeriesCsv.timeColumn(empty, CsvOptions.defaults()));
    }
}
