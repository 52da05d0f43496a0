package org.seqcast.format;

/**
 * A model file that cannot be written or read: names the file, says what is wrong and what to do, e.g.
 * <pre>
 *   models/air.seqcast: written by a newer Seqcast (format 2); this version reads format 1: upgrade Seqcast
 *   models/air.seqcast (weights.safetensors): tensor '0.weight_ih_l0' has shape [16, 2] but the network needs [16, 3]
 * </pre>
 */
public final class ModelFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file    the file as the user named it (a path, or a path and the entry inside it)
     * @param problem what is wrong and what to do about it
     */
    public ModelFileException(String file, String problem) {
        this(file, problem, null);
    }

    /** As {@link #ModelFileException(String, String)}, with the underlying cause. */
    public ModelFileException(String file, String problem, Throwable cause) {
        super(require(file, "file") + ": " + require(problem, "problem"), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (and entry) the problem is in. */
    public String file() {
        return file;
    }

    /** The message without the file name. */
    public String problem() {
        return problem;
    }

    private static String require(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a model file error needs its " + what);
        }
        return text;
    }
}
