package org.seqcast.cli;

import java.io.PrintWriter;

/**
 * The one path of the command's own lines on stderr: errors ({@code error: ...}, always) and warnings
 * ({@code warning: ...}, silenced by a command's {@code --quiet}). Both go through {@link #escape}, so that text
 * from the user's files (CSV cells, column names, series ids) cannot move the cursor, recolour or clear the
 * terminal, or hide the rest of the line.
 */
final class Messages {
    private Messages() {
    }

    /**
     * Prints {@code error: message}, the message escaped; a prefix {@code Error:} the message brings along
     * (picocli's messages about argument groups have one) is dropped rather than doubled.
     */
    static void error(PrintWriter err, String message) {
        String m = message == null ? "" : message;
        if (m.regionMatches(true, 0, "error:", 0, "error:".length())) {
            m = m.substring("error:".length()).stripLeading();
        }
        err.println("error: " + escape(m));
        err.flush();
    }

    /** Prints {@code warning: message}, the message escaped, unless {@code quiet}. */
    static void warn(PrintWriter err, boolean quiet, String message) {
        if (!quiet) {
            err.println("warning: " + escape(message));
            err.flush();
        }
    }

    /**
     * The text with every control character but tab and line feed (the rest of C0, DEL, C1, the Unicode line and
     * paragraph separators and the bidirectional overrides) written as an escape: {@code \\u001b} for ESC,
     * {@code \\r} for a carriage return, {@code \\0} for NUL; every other character unchanged. Line feeds stay:
     * some messages have several lines.
     */
    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String e = c == '\t' || c == '\n' ? null : c == '\r' ? "\\r" : c == 0 ? "\\0"
                    : Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                    ? String.format("\\u%04x", (int) c) : null;
            if (e != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (e != null) {
                    out.append(e);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
