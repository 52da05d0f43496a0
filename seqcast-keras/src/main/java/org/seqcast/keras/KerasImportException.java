package org.seqcast.keras;

/**
 * A Keras file that cannot be imported: names the file, and where it applies the layer and the option, says
 * what is wrong and, where there is one, what to do. For example:
 * <pre>
 *   model.h5: layer 2 'gru_1' (GRU), option go_backwards=true: not supported; Seqcast reads sequences forwards only
 *   model.h5 (model_weights/gru/gru/gru_cell/kernel:0): weight has shape [3, 21] but GRU(8) on 3 features needs [3, 24]
 *   model.keras: not a Keras file: it is neither HDF5 nor a zip archive (the first bytes are 7b 22 63 6c)
 * </pre>
 * Errors from the HDF5 reader are wrapped in it with the file and what was being read; the original
 * exception is the cause.
 */
public final class KerasImportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String layer;
    private final String option;
    private final String problem;

    /**
     * @param file    the file as the user named it, optionally with the entry or HDF5 path inside it in parentheses
     * @param layer   the layer, e.g. {@code layer 2 'gru_1' (GRU)}, or null when the problem is not a layer's
     * @param option  the Keras option, e.g. {@code go_backwards=true}, or null
     * @param problem what is wrong and what to do about it
     * @param cause   the underlying exception, or null
     */
    public KerasImportException(String file, String layer, String option, String problem, Throwable cause) {
        super(format(file, layer, option, problem), cause);
        this.file = file;
        this.layer = layer;
        this.option = option;
        this.problem = problem;
    }

    /** A problem with the file as a whole. */
    public KerasImportException(String file, String problem) {
        this(file, null, null, problem, null);
    }

    /** A problem with the file as a whole, caused by {@code cause}. */
    public KerasImportException(String file, String problem, Throwable cause) {
        this(file, null, null, problem, cause);
    }

    private static String format(String file, String layer, String option, String problem) {
        if (file == null || file.isBlank() || problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("a Keras import error needs its file and its problem");
        }
        StringBuilder sb = new StringBuilder(file).append(": ");
        if (layer != null) {
            sb.append(layer);
            sb.append(option != null ? ", option " + option : "").append(": ");
        } else if (option != null) {
            sb.append("option ").append(option).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file (and entry) the problem is in. */
    public String file() {
        return file;
    }

    /** The layer the problem is in, e.g. {@code layer 2 'gru_1' (GRU)}, or null. */
    public String layer() {
        return layer;
    }

    /** The Keras option at fault, e.g. {@code go_backwards=true}, or null. */
    public String option() {
        return option;
    }

    /** The message without file, layer and option. */
    public String problem() {
        return problem;
    }
}
