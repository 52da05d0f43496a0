package org.seqcast.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads time series from CSV files: a header row, then one row per time stamp.
 * <ul>
 *   <li>A <b>wide</b> file (no id column) is one series, named after its target column (whatever the file's name,
 *       so that a model fitted on one file forecasts a renamed copy with the same per-series state), holding the
 *       target and the chosen covariates; or, with
 *       {@link CsvOptions#eachColumnIsASeries()}, one univariate series per numeric column, named by it.</li>
 *   <li>A <b>long</b> file has an id column: one series per id, in order of first appearance, each with its own
 *       time index; the rows of the series may be interleaved, but within a series they must be sorted by time.
 *       All series get one frequency (when inferred: the finest that fits every series).</li>
 * </ul>
 * Rows are placed on the regular grid of the frequency; grid points without a row (missing time stamps) and
 * empty, NA or NaN cells are missing values, filled by the {@link CsvOptions#missingPolicy()}
 * ({@link MissingValues}). Every problem with the file throws a {@link DataFormatException} naming the file,
 * the line and the column.
 */
public final class SeriesCsv {
    private SeriesCsv() {
    }

    /**
     * A series as read, missing values still NaN, with its report (which counts the missing time stamps).
     *
     * @param series  the series, unfilled
     * @param missing its missing values and time stamps
     */
    public record RawSeries(TimeSeries series, MissingReport missing) {
        public RawSeries {
            if (series == null || missing == null || !series.id().equals(missing.seriesId())) {
                throw new IllegalArgumentException("a raw series needs the series and its own missing-value report");
            }
        }

        /** The series filled by {@code policy} (see {@link MissingValues#fill(TimeSeries, MissingPolicy)}). */
        public TimeSeries fill(MissingPolicy policy) {
            return MissingValues.fill(series, policy, missing);
        }
    }

    /**
     * The name of the time column {@link #read} uses for this file: the option's, or the default rule of
     * {@link CsvOptions#timeColumn()}; null when the file has no readable header.
     */
    public static String timeColumn(Path file, CsvOptions options) {
        if (options.timeColumn() != null) {
            return options.timeColumn();
        }
        try {
            CsvTable table = CsvTable.parse(text(file), name(file), options);
            List<String> names = table.header();
            int id = options.idColumn() == null ? -1 : names.indexOf(options.idColumn());
            return names.get(CsvColumns.defaultTime(names, id));
        } catch (RuntimeException e) {
            return null; // read() reports what is wrong with the file
        }
    }

    /** Reads the series of a file, filled by the options' missing-value policy. */
    public static List<TimeSeries> read(Path file, CsvOptions options) {
        return read(text(file), name(file), options);
    }

    /** Reads the series of CSV text; {@code name} is the file name for messages. */
    public static List<TimeSeries> read(Reader in, String name, CsvOptions options) {
        return read(text(in), name, options);
    }

    /**
     * Reads the series of a table already split into cells, as a CSV file of the header and these rows is read:
     * the same columns, checks and messages, row i being line i + 2 of that file (the header is line 1). For
     * callers whose rows come from elsewhere (the Spark module gives each series' rows, ordered by time), so that
     * the cells need not be written as CSV text and parsed again.
     *
     * @param header the column names
     * @param rows   one array of cells per row, one cell per column, as a file holds them (times and numbers as
     *               text; null or empty for a missing value)
     * @param name   how messages name the table (a file name, or e.g. {@code series 'H1'})
     * @throws DataFormatException naming {@code name}, the line and the column of what is wrong
     */
    public static List<TimeSeries> read(List<String> header, List<String[]> rows, String name, CsvOptions options) {
        CsvOptions o = options == null ? CsvOptions.defaults() : options;
        return read(CsvTable.ofCells(requireName(name), header, rows, o), o);
    }

    /** Reads the series of a file without filling missing values (the options' policy is not used). */
    public static List<RawSeries> readRaw(Path file, CsvOptions options) {
        return raw(assemble(text(file), name(file), options));
    }

    /** As {@link #readRaw(Path, CsvOptions)} for CSV text named {@code name}. */
    public static List<RawSeries> readRaw(Reader in, String name, CsvOptions options) {
        return raw(assemble(text(in), name, options));
    }

    /**
     * The series with the future values of {@code options.futureCovariates()} read from a separate file: the time
     * column (and the id column of a long file) as in the data, one row per series and future time stamp, a
     * column per future-known covariate. A time stamp must lie after its series' last point; values a series
     * already has from the data's own future rows are replaced. Stamps left out are missing values, which a
     * forecast reports by series, column and time stamp.
     *
     * @throws DataFormatException naming the file, line and column of a missing column, an unknown series, a
     *                             time stamp that is not after the series or off its grid, or a value that is not a
     *                             number
     */
    public static List<TimeSeries> withFuture(List<TimeSeries> series, Path file, CsvOptions options) {
        String name = name(file);
        CsvTable table = CsvTable.parse(text(file), name, options);
        List<String> header = table.header();
        int id = options.idColumn() == null ? -1 : table.requireColumn(options.idColumn(), "id column");
        int time = options.timeColumn() != null ? table.requireColumn(options.timeColumn(), "time column")
                : CsvColumns.defaultTime(header, id);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (String c : options.futureCovariates()) {
            columns.put(c, table.requireColumn(c, "future covariate"));
        }
        List<String> cells = table.rows().stream().map(r -> r[time]).toList();
        TimeKeys.Parsed keys = TimeKeys.parse(cells, table.lines(), name, header.get(time), options);
        Map<String, TimeSeries> byId = new LinkedHashMap<>();
        series.forEach(s -> byId.put(s.id(), s));
        Map<String, Map<String, List<double[]>>> values = new LinkedHashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            int line = table.lines()[r];
            String sid = id >= 0 ? table.rows().get(r)[id] : series.size() == 1 ? series.get(0).id() : null;
            TimeSeries s = sid == null ? null : byId.get(sid);
            if (s == null) {
                throw new DataFormatException(name, line, id >= 0 ? header.get(id) : null, sid == null
                        ? "the data holds " + series.size() + " series, so the future file needs their id column"
                        : "series '" + sid + "' is not in the data (its series: " + byId.keySet() + ")");
            }
            long k = futureStep(s, keys, r, name, line, header.get(time));
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                double v = CsvColumns.number(table, table.rows().get(r)[c.getValue()], line, c.getKey());
                values.computeIfAbsent(s.id(), x -> new LinkedHashMap<>())
                        .computeIfAbsent(c.getKey(), x -> new ArrayList<>()).add(new double[] {k, v});
            }
        }
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : series) {
            Map<String, double[]> future = s.future();
            values.getOrDefault(s.id(), Map.of()).forEach((c, kv) -> {
                int length = kv.stream().mapToInt(x -> (int) x[0] + 1).max().orElse(0);
                double[] v = new double[length];
                Arrays.fill(v, Double.NaN);
                kv.forEach(x -> v[(int) x[0]] = x[1]);
                future.put(c, v);
            });
            out.add(s.withFuture(future));
        }
        return out;
    }

    /** Row r's step after the last point of {@code s}: 0 for the point right after it. */
    private static long futureStep(TimeSeries s, TimeKeys.Parsed keys, int r, String file, int line, String column) {
        if (keys.stamps() != null && keys.instants() != s.index().utc()) {
            throw new DataFormatException(file, line, column, keys.instants() ? "this time stamp has a UTC offset, but"
                    + " the data's time stamps of series '" + s.id() + "' have none; write the future file's time stamps"
                    + " as the data's" : "this time stamp has no UTC offset, but the data's time stamps of series '"
                    + s.id() + "' have offsets (read as instants, in UTC: " + s.index().lastLabel() + "); write an"
                    + " offset on the future file's time stamps too");
        }
        long p;
        try {
            p = keys.integers() != null ? s.index().positionOf(keys.integers()[r]) : s.index().positionOf(keys.stamps()[r]);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, line, column, "time stamp is not on the " + s.frequency() + " grid of"
                    + " series '" + s.id() + "': " + e.getMessage());
        }
        if (p < s.size() || p >= s.size() + 100_000L) {
            throw new DataFormatException(file, line, column, "time stamp " + (p < s.size() ? "is not after the last"
                    + " point of series '" + s.id() + "' (" + s.index().lastLabel() + "); a future file holds the values"
                    + " after the data" : "lies too far after series '" + s.id() + "'"));
        }
        return p - s.size();
    }

    /** A series as read, and the line of each of its time points (0 for a missing time stamp). */
    private record Assembled(TimeSeries series, MissingReport missing, int[] lineAt) {
    }

    private static List<TimeSeries> read(String text, String name, CsvOptions options) {
        CsvOptions o = options == null ? CsvOptions.defaults() : options;
        return read(table(text, name, o), o);
    }

    /** The series of {@code table}, filled by the options' missing-value policy. */
    private static List<TimeSeries> read(CsvTable table, CsvOptions o) {
        List<TimeSeries> out = new ArrayList<>();
        for (Assembled a : assemble(table, o)) {
            MissingValues.Problem p = MissingValues.problem(a.series(), o.missingPolicy(), a.missing());
            if (p != null) {
                throw new DataFormatException(table.file(), a.lineAt()[p.position()], p.column(), p.message());
            }
            out.add(MissingValues.fill(a.series(), o.missingPolicy(), a.missing()));
        }
        return out;
    }

    private static List<RawSeries> raw(List<Assembled> assembled) {
        return assembled.stream().map(a -> new RawSeries(a.series(), a.missing())).toList();
    }

    private static List<Assembled> assemble(String text, String name, CsvOptions options) {
        CsvOptions o = options == null ? CsvOptions.defaults() : options;
        return assemble(table(text, name, o), o);
    }

    /** The cells of CSV text named {@code name}. */
    private static CsvTable table(String text, String name, CsvOptions o) {
        return CsvTable.parse(text, requireName(name), o);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("CSV input needs a name (the file name) for its series and messages");
        }
        return name;
    }

    /** The series of a table's rows, missing values still NaN: the columns, time keys, grid and values checked. */
    private static List<Assembled> assemble(CsvTable table, CsvOptions o) {
        String name = table.file();
        CsvColumns columns = CsvColumns.choose(table, o);
        String timeName = table.header().get(columns.time());
        Map<String, List<Integer>> groups = groups(table, columns,
                columns.target() >= 0 ? table.header().get(columns.target()) : "series");
        List<String> timeCells = table.rows().stream().map(r -> r[columns.time()]).toList();
        TimeKeys.Parsed keys = TimeKeys.parse(timeCells, table.lines(), name, timeName, o);

        Map<String, StampSource> sources = new LinkedHashMap<>();
        groups.forEach((id, rows) -> sources.put(id, new StampSource(name, timeName, columns.id() < 0 ? null : id,
                rows.stream().mapToInt(r -> table.lines()[r]).toArray(),
                keys.instants() ? rows.stream().map(timeCells::get).toArray(String[]::new) : null, keys.instants())));
        Frequency frequency = keys.integers() != null ? Frequency.INDEX
                : o.frequency() != null ? o.frequency() : inferCommon(groups, keys.stamps(), sources);
        int period = o.seasonalPeriod() > 0 ? o.seasonalPeriod() : frequency.defaultSeasonalPeriod();

        List<Assembled> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            List<Integer> rows = g.getValue();
            StampSource src = sources.get(g.getKey());
            TimeIndex index;
            int[] position = new int[rows.size()];
            if (keys.integers() != null) {
                List<Long> k = rows.stream().map(r -> keys.integers()[r]).toList();
                index = FrequencyInference.grid(k, src);
                for (int i = 0; i < position.length; i++) {
                    position[i] = (int) index.positionOf(k.get(i));
                }
            } else {
                List<LocalDateTime> s = stamps(rows, keys.stamps());
                index = FrequencyInference.grid(s, frequency, src);
                index = keys.instants() ? index.inUtc() : index;
                for (int i = 0; i < position.length; i++) {
                    position[i] = (int) index.positionOf(s.get(i));
                }
            }
            out.addAll(build(table, columns, o, g.getKey(), rows, index, position, period));
        }
        return out;
    }

    /** The series of one group of rows: one series, or one per value column when each column is a series. */
    private static List<Assembled> build(CsvTable table, CsvColumns columns, CsvOptions o, String id,
                                         List<Integer> rows, TimeIndex index, int[] position, int period) {
        int[] lineAt = new int[index.size()];
        LinkedHashMap<String, double[]> values = new LinkedHashMap<>();
        for (int c : columns.values()) {
            String name = table.header().get(c);
            double[] v = new double[index.size()];
            Arrays.fill(v, Double.NaN);
            for (int i = 0; i < rows.size(); i++) {
                int line = table.lines()[rows.get(i)];
                v[position[i]] = CsvColumns.number(table, table.rows().get(rows.get(i))[c], line, name);
                lineAt[position[i]] = line;
            }
            values.put(name, v);
        }
        int absent = index.size() - rows.size();
        List<Assembled> out = new ArrayList<>();
        if (columns.target() < 0) {
            values.forEach((name, v) -> out.add(assembled(new TimeSeries(name, index, name, Map.of(name, v), period),
                    absent, lineAt)));
        } else {
            String target = table.header().get(columns.target());
            TimeSeries series = new TimeSeries(id, index, target, values, period, statics(table, columns, id, rows),
                    Map.of());
            int known = knownLength(values.get(target), o);
            if (known < index.size()) {
                int[] rowsAt = new int[index.size()];
                Arrays.fill(rowsAt, -1);
                for (int i = 0; i < rows.size(); i++) {
                    rowsAt[position[i]] = i;
                }
                int futureRows = 0;
                for (int t = known; t < index.size(); t++) {
                    futureRows += rowsAt[t] >= 0 ? 1 : 0;
                }
                series = series.knownAt(known, o.futureCovariates());
                out.add(assembled(series, absent - (index.size() - known - futureRows), Arrays.copyOf(lineAt, known)));
            } else {
                out.add(assembled(series, absent, lineAt));
            }
        }
        return out;
    }

    /**
     * The points of a series up to its last target value when the options name future covariates (the rows after
     * it hold future values, not missing targets); every point otherwise, and for a series without any target value.
     */
    private static int knownLength(double[] target, CsvOptions o) {
        if (o.futureCovariates().isEmpty()) {
            return target.length;
        }
        int last = target.length - 1;
        while (last >= 0 && Double.isNaN(target[last])) {
            last--;
        }
        return last < 0 ? target.length : last + 1;
    }

    /**
     * The static attributes of one series: per static column, the one value its non-empty cells hold; a column
     * whose cells differ within the series, or are all empty, is an error naming the line.
     */
    private static Map<String, String> statics(CsvTable table, CsvColumns columns, String id, List<Integer> rows) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (int c : columns.statics()) {
            String name = table.header().get(c);
            String value = null;
            int firstLine = 0;
            for (int r : rows) {
                String cell = table.rows().get(r)[c].strip();
                if (CsvColumns.isMissing(cell)) {
                    continue;
                }
                if (value == null) {
                    value = cell;
                    firstLine = table.lines()[r];
                } else if (!value.equals(cell)) {
                    throw new DataFormatException(table.file(), table.lines()[r], name, "static column of series '"
                            + id + "' changes from '" + value + "' (line " + firstLine + ") to '" + cell + "'; a static"
                            + " column holds one value per series: make it a covariate if it changes over time, or"
                            + " correct the cell");
                }
            }
            if (value == null) {
                throw new DataFormatException(table.file(), table.lines()[rows.get(0)], name, "series '" + id
                        + "' has no value in this static column; give each series its value (on any of its rows)");
            }
            out.put(name, value);
        }
        return out;
    }

    private static Assembled assembled(TimeSeries series, int absent, int[] lineAt) {
        return new Assembled(series, MissingValues.report(series).withMissingTimeStamps(absent), lineAt);
    }

    /** Row numbers of each series, in order of first appearance (one group named {@code wideId} for wide files). */
    private static Map<String, List<Integer>> groups(CsvTable table, CsvColumns columns, String wideId) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String id = wideId;
            if (columns.id() >= 0) {
                id = table.rows().get(r)[columns.id()];
                if (id.isEmpty()) {
                    throw new DataFormatException(table.file(), table.lines()[r], table.header().get(columns.id()),
                            "blank series id; every row of a long file names its series in this column");
                }
            }
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /**
     * The frequency of every series: each one with two or more time stamps is inferred; when they differ, the
     * finest frequency on whose grid every series fits.
     */
    private static Frequency inferCommon(Map<String, List<Integer>> groups, LocalDateTime[] stamps,
                                         Map<String, StampSource> sources) {
        Map<Frequency, String> inferred = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            if (g.getValue().size() > 1 || (groups.size() == 1)) {
                Frequency f = FrequencyInference.infer(stamps(g.getValue(), stamps), sources.get(g.getKey()));
                inferred.putIfAbsent(f, g.getKey());
            }
        }
        if (inferred.isEmpty()) {
            String first = groups.keySet().iterator().next();
            throw new DataFormatException(sources.get(first).file(), 0, sources.get(first).column(), "every series has"
                    + " only one time stamp, so the frequency cannot be inferred; give the frequency (e.g. monthly)");
        }
        if (inferred.size() == 1) {
            return inferred.keySet().iterator().next();
        }
        List<Frequency> candidates = new ArrayList<>(inferred.keySet());
        candidates.sort(Comparator.comparingLong(SeriesCsv::approximateMinutes));
        for (Frequency f : candidates) {
            if (fitsAll(f, groups, stamps, sources)) {
                return f;
            }
        }
        StringBuilder seen = new StringBuilder();
        inferred.forEach((f, id) -> seen.append(seen.length() > 0 ? ", " : "").append("series '").append(id)
                .append("' is ").append(f));
        StampSource any = sources.values().iterator().next();
        throw new DataFormatException(any.file(), 0, any.column(), "the series have different frequencies (" + seen
                + ") and none fits them all; give the frequency, or split the file");
    }

    private static boolean fitsAll(Frequency f, Map<String, List<Integer>> groups, LocalDateTime[] stamps,
                                   Map<String, StampSource> sources) {
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            try {
                FrequencyInference.grid(stamps(g.getValue(), stamps), f, sources.get(g.getKey()));
            } catch (DataFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static long approximateMinutes(Frequency f) {
        long unit = switch (f.unit()) {
            case MONTH -> 43_830L;
            case DAY, WEEKDAY -> 1_440L;
            case MINUTE, INDEX -> 1L;
        };
        return unit * f.stride();
    }

    private static List<LocalDateTime> stamps(List<Integer> rows, LocalDateTime[] stamps) {
        return rows.stream().map(r -> stamps[r]).toList();
    }

    private static String name(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("no file given; give the path of a CSV file");
        }
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static String text(Path file) {
        String name = name(file);
        if (Files.isDirectory(file)) {
            throw new DataFormatException(name, 0, null, "this is a directory (" + file.toAbsolutePath() + "), not a"
                    + " CSV file; give the path of a .csv file");
        }
        if (!Files.exists(file)) {
            throw new DataFormatException(name, 0, null, "file not found (looked for " + file.toAbsolutePath()
                    + "); check the path and the working directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFormatException(name, 0, null, "cannot read the file (" + e + "); check its permissions", e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, 0, null, "the file is not UTF-8 text; save it as UTF-8 (plain ASCII"
                    + " is fine)", e);
        }
    }

    private static String text(Reader in) {
        if (in == null) {
            throw new IllegalArgumentException("no reader given");
        }
        StringWriter out = new StringWriter();
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV input", e);
        }
        return out.toString();
    }
}
