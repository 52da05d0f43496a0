package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/WORKFLOW.md's table of forecasters is the registry's, row for row: when an entry changes, this test fails and
 * prints the table to paste between the markers.
 */
class ForecastersDocTest {
    private static final Path DOC = Path.of("../docs/WORKFLOW.md");
    private static final String BEGIN = "<!-- forecasters: generated from Forecasters.ALL, checked by ForecastersDocTest -->\n";
    private static final String END = "<!-- /forecasters -->";

    /** The markdown table of every registry entry. */
    static String table() {
        StringBuilder sb = new StringBuilder("| name | kind | needs seasonal data | backtest default | what it is |\n"
                + "|---|---|---|---|---|\n");
        for (Forecasters.Entry e : Forecasters.ALL) {
            sb.append("| `").append(e.name()).append("` | ").append(e.kind().label()).append(" | ")
                    .append(e.needsSeasonal() ? "yes" : "no").append(" | ").append(e.byDefault() ? "yes" : "no")
                    .append(" | ").append(e.description()).append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void theDocsListEveryForecasterOfTheRegistry() throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertTrue(from >= 0 && to > from, DOC + " needs the markers " + BEGIN.strip() + " and " + END);
        assertEquals(table(), doc.substring(from + BEGIN.length(), to),
                DOC + " is out of date: paste this table between the markers:\n" + table());
    }
}
