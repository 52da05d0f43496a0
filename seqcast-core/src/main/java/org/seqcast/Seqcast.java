package org.seqcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Library-wide facts: the version of Seqcast this jar was built as. */
public final class Seqcast {
    private static final String VERSION = readVersion();

    private Seqcast() {
    }

    /** The Maven project version this library was built from, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Seqcast.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/seqcast/version.properties from the seqcast-core jar", e);
        }
    }
}
