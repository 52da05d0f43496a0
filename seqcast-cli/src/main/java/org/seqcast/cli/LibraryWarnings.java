package org.seqcast.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The library's warnings, logged through {@link System.Logger} (java.util.logging here), printed as the command's
 * own ({@link Messages#warn}): one {@code warning: ...} line on the command's stderr, escaped, silenced by its
 * {@code --quiet}, instead of java.util.logging's two-line console format, which ignored {@code --quiet}. The
 * kernels' "the Java module jdk.incubator.vector is not present" is one.
 */
final class LibraryWarnings {
    /** The parent of every library logger (they are named after their classes). */
    static final String LOGGER = "org.seqcast";
    /** Held so that the configured logger is not collected (java.util.logging keeps loggers weakly). */
    private static final Logger ROOT = Logger.getLogger(LOGGER);

    private LibraryWarnings() {
    }

    /** From now on, the library's warnings go to {@code err} as warnings, or nowhere when {@code quiet}. */
    static synchronized void route(PrintWriter err, boolean quiet) {
        for (Handler h : ROOT.getHandlers()) {
            if (h instanceof AsWarning) {
                ROOT.removeHandler(h);
            }
        }
        ROOT.addHandler(new AsWarning(err, quiet));
        ROOT.setUseParentHandlers(false);
    }

    /** Records at WARNING and above as {@link Messages#warn} lines; the rest (debugging detail) dropped. */
    private static final class AsWarning extends Handler {
        private final PrintWriter err;
        private final boolean quiet;
        private final SimpleFormatter text = new SimpleFormatter();

        AsWarning(PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                Messages.warn(err, quiet, text.formatMessage(record));
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
