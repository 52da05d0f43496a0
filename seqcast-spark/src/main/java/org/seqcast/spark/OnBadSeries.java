package org.seqcast.spark;

/** What a job does with a series the library refuses (too short, duplicated time stamps, a cell that is no number). */
public enum OnBadSeries {
    /** The job fails with the first refused series' message (by series id), after every series was tried. */
    FAIL,
    /** The series is left out and listed, with its message, in {@link SparkResult#skipped()}. */
    SKIP;

    /** The option's value by name ({@code fail} or {@code skip}, any case). */
    public static OnBadSeries parse(String text) {
        for (OnBadSeries o : values()) {
            if (o.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return o;
            }
        }
        throw new IllegalArgumentException("onBadSeries must be fail or skip; got '" + text + "'");
    }
}
