package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every data set of testdata/data/README.md read with default options. */
class SeriesCsvDatasetsTest {
    static Path data(String file) {
        try {
            return Path.of(SeriesCsvDatasetsTest.class.getResource("/data/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "airpassengers.csv, monthly,     144,  12, 1949-01-01, 1960-12-01",
        "co2.csv,           monthly,     468,  12, 1959-01-01, 1997-12-01",
        "nottem.csv,        monthly,     240,  12, 1920-01-01, 1939-12-01",
        "ukdriverdeaths.csv, monthly,    192,  12, 1969-01-01, 1984-12-01",
        "usaccdeaths.csv,   monthly,      72,  12, 1973-01-01, 1978-12-01",
        "sunspot_month.csv, monthly,    3177,  12, 1749-01-01, 2013-09-01",
        "wineind.csv,       monthly,     176,  12, 1980-01-01, 1994-08-01",
        "gas.csv,           monthly,     476,  12, 1956-01-01, 1995-08-01",
        "austres.csv,       quarterly,    89,   4, 1971-04-01, 1993-04-01",
        "woolyrnq.csv,      quarterly,   119,   4, 1965-01-01, 1994-07-01",
        "ukgas.csv,         quarterly,   108,   4, 1960-01-01, 1986-10-01",
        "lynx.csv,          yearly,      114,   1, 1821-01-01, 1934-01-01",
        "lakehuron.csv,     yearly,       98,   1, 1875-01-01, 1972-01-01",
        "nile.csv,          yearly,      100,   1, 1871-01-01, 1970-01-01",
        "sunspot_year.csv,  yearly,      289,   1, 1700-01-01, 1988-01-01",
        "taylor.csv,        half-hourly, 4032, 48, 2000-06-05T00:00, 2000-08-27T23:30",
    })
    void readsEveryUnivariateDataSet(String file, String frequency, int length, int period, String first,
                                     String last) {
        List<TimeSeries> all = SeriesCsv.read(data(file), CsvOptions.defaults());
        assertEquals(1, all.size());
        TimeSeries s = all.get(0);
        assertEquals(s.target(), s.id(), "a wide file's series is named by its target column, not by the file");
        assertEquals(Frequency.parse(frequency), s.frequency());
        assertEquals(length, s.size());
        assertEquals(period, s.seasonalPeriod());
        assertEquals(first, s.index().label(0));
        assertEquals(last, s.index().lastLabel());
        assertEquals("value", s.target());
        assertTrue(MissingValues.report(s).isComplete());
    }

    @Test
    void everyFileInTheFolderIsCovered() throws IOException {
        try (Stream<Path> files = Files.list(data("airpassengers.csv").getParent())) {
            assertEquals(20, files.filter(p -> p.toString().endsWith(".csv")).count());
        }
    }

    /** The covariate-roles example: three seats, the law known a year ahead, whether the law covers the seat. */
    @Test
    void seatbeltRolesHaveFutureRowsAndStaticAttributes() {
        CsvOptions o = CsvOptions.builder().idColumn("seat").target("casualties").futureCovariates("law")
                .statics("covered").build();
        List<TimeSeries> all = SeriesCsv.read(data("seatbelts_roles.csv"), o);
        assertEquals(List.of("driver", "front", "rear"), all.stream().map(TimeSeries::id).toList());
        for (TimeSeries s : all) {
            assertEquals(192, s.size());
            assertEquals("1984-12-01", s.index().lastLabel());
            assertEquals(List.of("law"), s.covariateNames());
            assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, s.future("law"));
            assertEquals(s.id().equals("rear") ? "no" : "yes", s.statics().get("covered"));
            assertTrue(MissingValues.report(s).isComplete());
        }
        // without the role the rows after the last value are missing targets, as before
        DataFormatException e = assertThrows(DataFormatException.class, () -> SeriesCsv.read(
                data("seatbelts_roles.csv"), CsvOptions.builder().idColumn("seat").target("casualties")
                        .covariates("law").build()));
        assertTrue(e.getMessage().contains("casualties"), e.getMessage());
    }

    @Test
    void airPassengersValues() {
        TimeSeries s = SeriesCsv.read(data("airpassengers.csv"), CsvOptions.defaults()).get(0);
        assertEquals(112, s.values()[0]);
        assertEquals(432, s.values()[143]);
        assertEquals("1961-01-01", s.index().following(12).label(0));
    }

    @Test
    void goldRefusesItsMissingValuesByDefault() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> SeriesCsv.read(data("gold.csv"), CsvOptions.defaults()));
        assertEquals("gold.csv", e.file());
        assertEquals(69, e.line());
        assertEquals("value", e.column());
        String m = e.getMessage();
        assertTrue(m.contains("series 'value'") && m.contains("34 missing values") && m.contains("at 68 (position 67)")
                && m.contains("interpolate") && m.contains("ffill") && m.contains("drop-leading"), m);
    }

    @Test
    void goldReportsItsMissingValues() {
        List<SeriesCsv.RawSeries> raw = SeriesCsv.readRaw(data("gold.csv"), CsvOptions.defaults());
        MissingReport r = raw.get(0).missing();
        assertEquals(Frequency.INDEX, raw.get(0).series().frequency());
        assertEquals(1108, r.size());
        assertEquals(34, r.total());
        assertEquals(0, r.missingTimeStamps());
        assertEquals(67, r.firstMissingPosition());
        assertEquals("68", r.firstMissingLabel());
    }

    @Test
    void goldInterpolatedAndForwardFilled() {
        TimeSeries interpolated = SeriesCsv.read(data("gold.csv"), CsvOptions.builder()
                .missingPolicy(MissingPolicy.INTERPOLATE).build()).get(0);
        TimeSeries carried = SeriesCsv.read(data("gold.csv"), CsvOptions.builder()
                .missingPolicy(MissingPolicy.FORWARD_FILL).build()).get(0);
        for (TimeSeries s : List.of(interpolated, carried)) {
            assertEquals(1108, s.size());
            assertEquals("1", s.index().label(0));
            assertEquals("1108", s.index().lastLabel());
            assertEquals(Frequency.INDEX, s.frequency());
            assertTrue(MissingValues.report(s).isComplete());
        }
        // t = 67 is 317, t = 68 and 69 are empty, t = 70 is 323.1.
        assertArrayEquals(new double[] {317, 317 + 6.1 / 3, 317 + 2 * 6.1 / 3, 323.1},
                java.util.Arrays.copyOfRange(interpolated.values(), 66, 70), 1e-9);
        assertArrayEquals(new double[] {317, 317, 317, 323.1},
                java.util.Arrays.copyOfRange(carried.values(), 66, 70), 1e-12);
    }

    @Test
    void euStockMarketsHasOneSeriesPerColumn() {
        List<TimeSeries> all = SeriesCsv.read(data("eustockmarkets.csv"), CsvOptions.builder()
                .eachColumnIsASeries(true).build());
        assertEquals(List.of("DAX", "SMI", "CAC", "FTSE"), all.stream().map(TimeSeries::id).toList());
        for (TimeSeries s : all) {
            assertEquals(1860, s.size());
            assertEquals(Frequency.INDEX, s.frequency());
            assertEquals(s.id(), s.target());
            assertEquals(List.of(), s.covariateNames());
        }
        assertEquals(1628.75, all.get(0).values()[0]);
        assertEquals(5455, all.get(3).values()[1859]);
    }

    @Test
    void euStockMarketsWithoutATargetAsksForOne() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> SeriesCsv.read(data("eustockmarkets.csv"), CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("DAX, SMI, CAC, FTSE") && e.getMessage().contains("--target"),
                e.getMessage());
    }

    @Test
    void seatbeltsWithCovariates() {
        TimeSeries s = SeriesCsv.read(data("seatbelts.csv"), CsvOptions.builder().target("drivers")
                .covariates("kms", "PetrolPrice", "law").build()).get(0);
        assertEquals("drivers", s.id());
        assertEquals("drivers", s.target());
        assertEquals(List.of("kms", "PetrolPrice", "law"), s.covariateNames());
        assertEquals(192, s.size());
        assertEquals(Frequency.MONTHLY, s.frequency());
        assertEquals("1984-12-01", s.index().lastLabel());
        assertEquals(1687, s.values()[0]);
        assertEquals(9059, s.column("kms")[0]);
        assertEquals(1, s.column("law")[191]);
        assertArrayEquals(SeriesCsv.read(data("ukdriverdeaths.csv"), CsvOptions.defaults()).get(0).values(),
                s.values());
        TimeSeries all = SeriesCsv.read(data("seatbelts.csv"), CsvOptions.builder().target("drivers")
                .allCovariates().build()).get(0);
        assertEquals(List.of("DriversKilled", "front", "rear", "kms", "PetrolPrice", "VanKilled", "law"),
                all.covariateNames());
    }
}
