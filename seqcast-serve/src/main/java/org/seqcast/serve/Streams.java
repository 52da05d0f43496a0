package org.seqcast.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The streams of observations of one model: per stream id its points as the CSV lines of its rows, at most
 * {@code maxPoints} (the oldest dropped), at most {@code maxStreams} streams (the least recently used evicted).
 * The memory they hold is bounded by {@code maxStreams · maxPoints} lines of one row each ({@link #bytes()}
 * estimates it). An update is atomic per stream: the new points are kept only when the forecast from them
 * succeeds, and updates of one stream take turns. Thread-safe.
 */
final class Streams {
    /** What a stream id may hold. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final int maxStreams;
    private final int maxPoints;
    private final LinkedHashMap<String, Stream> streams = new LinkedHashMap<>(16, 0.75f, true);
    private long evicted;

    Streams(int maxStreams, int maxPoints) {
        this.maxStreams = maxStreams;
        this.maxPoints = maxPoints;
    }

    /** One stream: its kept lines (replaced whole at each update) under its own lock. */
    private static final class Stream {
        private List<String> lines = List.of();
        private long bytes;
    }

    /**
     * Appends {@code added} to stream {@code id} (created when new), drops the oldest beyond the bound, and
     * computes {@code result} from the kept lines and how many of them were there before; the stream keeps the
     * new lines only when {@code result} returns.
     */
    <R> R update(String id, List<String> added, Function<Update, R> result) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest("stream", "expected a stream id of 1 to 200 letters, digits, '.', '_', ':'"
                    + " or '-'; got " + (id == null ? "none" : "'" + abbreviate(id) + "'"));
        }
        Stream s = stream(id);
        synchronized (s) {
            List<String> all = new ArrayList<>(s.lines.size() + added.size());
            all.addAll(s.lines);
            all.addAll(added);
            int drop = Math.max(0, all.size() - maxPoints);
            int kept = s.lines.size() - drop;
            List<String> now = List.copyOf(all.subList(drop, all.size()));
            R r = result.apply(new Update(now, kept));
            s.lines = now;
            s.bytes = now.stream().mapToLong(l -> 56L + 2L * l.length()).sum();
            return r;
        }
    }

    /**
     * The lines of a stream after an update, and how many of them it held before (negative when the update
     * pushed out more than it had: then some of the new lines were dropped too).
     */
    record Update(List<String> lines, int kept) {
    }

    private synchronized Stream stream(String id) {
        Stream s = streams.get(id);
        if (s == null) {
            s = new Stream();
            streams.put(id, s);
            while (streams.size() > maxStreams) {
                String eldest = streams.keySet().iterator().next();
                streams.remove(eldest);
                evicted++;
            }
        }
        return s;
    }

    /** How many streams are kept. */
    synchronized int size() {
        return streams.size();
    }

    /** Streams evicted so far. */
    synchronized long evicted() {
        return evicted;
    }

    /** The points a stream holds, 0 for none. */
    synchronized int points(String id) {
        Stream s = streams.get(id);
        return s == null ? 0 : s.lines.size();
    }

    /** An estimate of the bytes the kept lines take (the strings and their list slots). */
    synchronized long bytes() {
        long b = 0;
        for (Stream s : streams.values()) {
            b += s.bytes;
        }
        return b;
    }

    /** The stream ids, least recently used first. */
    synchronized List<String> ids() {
        return List.copyOf(streams.keySet());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** The streams of every model, by model name, made on first use. */
    static final class PerModel {
        private final int maxStreams;
        private final int maxPoints;
        private final Map<String, Streams> byModel = new LinkedHashMap<>();

        PerModel(int maxStreams, int maxPoints) {
            this.maxStreams = maxStreams;
            this.maxPoints = maxPoints;
        }

        synchronized Streams of(String model) {
            return byModel.computeIfAbsent(model, k -> new Streams(maxStreams, maxPoints));
        }

        synchronized Map<String, Streams> all() {
            return Map.copyOf(byModel);
        }
    }
}
