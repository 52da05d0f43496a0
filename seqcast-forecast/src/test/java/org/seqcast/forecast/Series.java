package org.seqcast.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;

/** Test series: the bundled datasets read without the CSV reader (so these tests do not depend on it). */
public final class Series {
    private Series() {
    }

    /** A univariate date,value file from testdata/data. */
    public static TimeSeries dataset(String file, Frequency f) {
        try {
            Path p = Path.of("../testdata/data", file);
            List<String> lines = Files.readAllLines(p);
            double[] v = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
            LocalDate start = LocalDate.parse(lines.get(1).split(",")[0]);
            return TimeSeries.of(file.replace(".csv", ""), TimeIndex.of(f, start, v.length), v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TimeSeries airPassengers() {
        return dataset("airpassengers.csv", Frequency.MONTHLY);
    }

    /** level + slope·t + amplitude·sin(2πt/12), monthly from 2000-01. */
    public static TimeSeries seasonal(String id, int n, double level, double slope, double amplitude) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = level + slope * t + amplitude * Math.sin(2 * Math.PI * t / 12);
        }
        return TimeSeries.of(id, TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), n), v);
    }

    /** A small, fast network configuration for tests. */
    public static RnnConfig.Builder small(int h) {
        return RnnConfig.builder(h).units(8).epochs(15).patience(5);
    }
}
