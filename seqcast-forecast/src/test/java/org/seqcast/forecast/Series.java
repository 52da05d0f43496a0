package org.seqcast.forecast;

import java.util.SplittableRandom;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.ArrayList;
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

    /**
     * Series i of length n (monthly): level_i + 4·promo_t + noise, promo a random 0/1 plan known ahead; the level depends only on the
     * series' category (a: 10, b: 20) and its numeric size attribute (the level shifts by 2·size).
     */
    public static List<TimeSeries> promotions(int count, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TimeSeries> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String category = i % 2 == 0 ? "a" : "b";
            double size = i % 3;
            double level = (category.equals("a") ? 10 : 20) + 2 * size;
            double[] y = new double[n];
            double[] promo = new double[n];
            double[] noise = new double[n];
            for (int t = 0; t < n; t++) {
                promo[t] = r.nextDouble() < 0.3 ? 1 : 0;
                noise[t] = r.nextDouble();
                y[t] = level + 4 * promo[t] + 0.2 * (r.nextDouble() - 0.5);
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            columns.put("sales", y);
            columns.put("promo", promo);
            columns.put("noise", noise);
            out.add(new TimeSeries("s" + i, TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), n), "sales",
                    columns, 12, Map.of("category", category, "size", Double.toString(size)), Map.of()));
        }
        return out;
    }

}
