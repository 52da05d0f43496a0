package org.seqcast.nn.kernels;

/** Picks the {@link Kernels} implementation once per JVM (holder idiom) and logs the choice. */
final class KernelChoice {
    static final String PROPERTY = "seqcast.kernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Logged at WARNING, once per JVM, when the Vector API module is absent and the choice was not forced to scalar. */
    static final String MISSING_MODULE_WARNING = "Seqcast: the Java module " + VECTOR_MODULE + " is not present, so"
            + " Seqcast uses its scalar kernels, which train several times slower; start the JVM with --add-modules "
            + VECTOR_MODULE + " (the seqcast launcher does), or set -D" + PROPERTY + "=scalar to choose them on purpose";
    static final Kernels CURRENT = choose();

    private KernelChoice() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static Kernels choose() {
        System.Logger log = System.getLogger(Kernels.class.getName());
        String wanted = System.getProperty(PROPERTY, "auto");
        Kernels chosen;
        if (wanted.equals("scalar")) {
            chosen = new ScalarKernels();
        } else if (!wanted.equals("vector") && !wanted.equals("auto")) {
            throw new IllegalStateException("system property " + PROPERTY + " must be scalar, vector or auto; got '"
                    + wanted + "'");
        } else if (vectorModulePresent()) {
            chosen = loadVector();
        } else {
            // Once per JVM (this runs in the holder's static initialiser): the scalar kernels are correct but several
            // times slower, and a library user who forgot the JVM option deserves to know why training is slow.
            log.log(System.Logger.Level.WARNING, MISSING_MODULE_WARNING);
            chosen = new ScalarKernels();
        }
        log.log(System.Logger.Level.DEBUG, "Seqcast kernels: {0}", chosen.name());
        return chosen;
    }

    /** Loaded reflectively so that this class never links against the incubator module when it is absent. */
    static Kernels loadVector() {
        try {
            return (Kernels) Class.forName("org.seqcast.nn.kernels.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.getLogger(Kernels.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot load the vector kernels (" + e + "); using scalar kernels");
            return new ScalarKernels();
        }
    }
}
