package org.seqcast.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The models a server serves, by name. Each name holds its current {@link ServedModel} in an atomic reference:
 * {@link #reloadChanged()} reads a changed file completely and then swaps the reference, so a request holds the
 * model it started with to its end and the next request gets the new one; a file that fails to load leaves the
 * old model in place (the failure goes to the listener, and is retried when the file changes again).
 * Thread-safe.
 */
public final class ModelRegistry {
    private final Map<String, AtomicReference<ServedModel>> models;
    private final BiConsumer<ServedModel, RuntimeException> onReload;

    /**
     * Loads every file; a name given twice, or a file that does not load, is an error naming it.
     *
     * @param files    the model files by name ({@link ServedModel#defaultName} names a file without one)
     * @param onReload told of every reload attempt: the new model and null, or the old model and the failure
     */
    public ModelRegistry(Map<String, Path> files, BiConsumer<ServedModel, RuntimeException> onReload) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("models: at least one model file is needed");
        }
        Map<String, AtomicReference<ServedModel>> m = new LinkedHashMap<>();
        files.forEach((name, file) -> {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model '" + name + "': " + file + " is not a file");
            }
            m.put(name, new AtomicReference<>(ServedModel.load(name, file, 1)));
        });
        this.models = Collections.unmodifiableMap(m);
        this.onReload = onReload;
    }

    /** The files of {@code paths} by their default names; two files with one name are an error naming both. */
    public static Map<String, Path> byDefaultName(List<Path> paths) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Path p : paths) {
            Path before = out.put(ServedModel.defaultName(p), p);
            if (before != null) {
                throw new IllegalArgumentException(before + " and " + p + " would both be served as '"
                        + ServedModel.defaultName(p) + "'; name one of them, NAME=FILE");
            }
        }
        return out;
    }

    /** The current model named {@code name}, or a 404 naming the models served. */
    public ServedModel get(String name) {
        AtomicReference<ServedModel> ref = models.get(name);
        if (ref == null) {
            throw new ApiException(404, "name", "no model named '" + name + "'; this server serves "
                    + String.join(", ", models.keySet()));
        }
        return ref.get();
    }

    /** Every current model, in the order given. */
    public List<ServedModel> all() {
        List<ServedModel> out = new ArrayList<>();
        models.values().forEach(r -> out.add(r.get()));
        return out;
    }

    /**
     * Reloads every model whose file's stamp changed: read completely first, then swapped in. Returns how many
     * were swapped.
     */
    public int reloadChanged() {
        int swapped = 0;
        for (AtomicReference<ServedModel> ref : models.values()) {
            ServedModel old = ref.get();
            ServedModel.Stamp now;
            try {
                now = ServedModel.Stamp.of(old.file());
            } catch (RuntimeException e) {
                continue; // the file is being replaced (or gone): keep serving the old model, look again later
            }
            if (now.equals(old.stamp())) {
                continue;
            }
            try {
                ServedModel fresh = ServedModel.load(old.name(), old.file(), old.generation() + 1);
                ref.set(fresh);
                swapped++;
                onReload.accept(fresh, null);
            } catch (RuntimeException e) {
                // remember the stamp so that a broken file is reported once, not at every check
                ref.set(new ServedModel(old.name(), old.file(), old.model(), now, old.generation()));
                onReload.accept(old, e);
            }
        }
        return swapped;
    }
}
