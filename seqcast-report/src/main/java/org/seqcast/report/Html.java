package org.seqcast.report;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML. */
final class Html {
    /** What a table shows for an undefined value (NaN). */
    static final String UNDEFINED = "&ndash;";

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute: &amp;, &lt;, &gt;, &quot; and ' escaped. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A measure of any size: 3 decimals, or 4 significant digits when very large or small; NaN as a dash. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return UNDEFINED;
        }
        return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-2 && v != 0) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** {@code v} with a fixed number of decimals; NaN as a dash. */
    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : UNDEFINED;
    }
}
