package org.seqcast.report;

/** Makes AWT run without a display, unless the application has chosen otherwise. */
final class Headless {
    private Headless() {
    }

    /**
     * Sets {@code java.awt.headless=true} when the property is unset. Charts are drawn into images, which
     * needs no display; an application that set the property itself (a desktop program) keeps its choice.
     * Must run before AWT first asks whether it is headless, so the report's entry points call it first.
     */
    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
