package org.seqcast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqcast.io.ModelInfo;
import org.seqcast.io.NetworkFile;
import org.seqcast.format.NetworkSpec;
import org.seqcast.format.Safetensors;
import org.seqcast.nn.Sequential;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqcast import}: a network trained elsewhere as a Seqcast model file. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Import a network trained elsewhere into a .seqcast file (a bare network: run it with "
            + "'seqcast predict', export it with 'seqcast export'). PyTorch: a state_dict saved with safetensors "
            + "(safetensors.torch.save_file(model.state_dict(), 'model.safetensors')) plus the architecture as JSON "
            + "(--spec; see docs/INTEROP.md); every weight's name and shape is checked and mismatches are reported by name. "
            + "Keras: Sequential models of LSTM, GRU, SimpleRNN, Dense, Dropout, Bidirectional, RepeatVector,"
            + " TimeDistributed(Dense), Conv1D, 1-D poolings, Flatten and LayerNormalization from Keras 2 and 3 files;"
            + " Functional models (Attention, Add, Concatenate, several inputs or outputs) are saved as a graph"
            + " (docs/KERAS.md)."},
        footer = {"", "Examples:",
            "  seqcast import --torch model.safetensors --spec arch.json --out model.seqcast",
            "  seqcast import --keras lstm_model.h5 --out lstm.seqcast"})
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--torch", paramLabel = "FILE", description = "A PyTorch state dict saved with safetensors.")
        Path torch;

        @Option(names = "--keras", paramLabel = "FILE", description = "A Keras model: .h5 (Keras 2, or Keras 3 legacy) or .keras (Keras 3).")
        Path keras;
    }

    @Option(names = "--spec", paramLabel = "JSON", description = "The architecture of a --torch state dict (input shape and layers).")
    private Path specFile;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL", description = "The .seqcast file to write.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Sequential network;
        Map<String, String> provenance = new LinkedHashMap<>();
        if (source.keras != null) {
            if (specFile != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--spec is for --torch; a Keras file holds "
                        + "its own architecture");
            }
            requireFile(source.keras, "--keras");
            org.seqcast.keras.ImportedModel imported = org.seqcast.keras.KerasImport.load(source.keras);
            provenance.put("source", "keras");
            provenance.put("file", source.keras.getFileName().toString());
            provenance.put("sha256", ModelInfo.sha256(source.keras));
            provenance.put("keras_version", imported.kerasVersion());
            provenance.put("keras_format", imported.format().toString());
            for (int k = 0; k < imported.notes().size(); k++) {
                provenance.put("note_" + (k + 1), imported.notes().get(k));
                spec.commandLine().getErr().println("note: " + imported.notes().get(k));
            }
            if (imported.isGraph()) {
                return save(imported.graph(), provenance);
            }
            if (imported.model().inputShape().length != 2) {
                throw new IllegalArgumentException(source.keras + ": the network's first layer is Dense, so it takes "
                        + "[batch, features] rather than sequences; Seqcast model files hold networks over sequences "
                        + "[batch, time, features] (the Java API KerasImport.load still reads it)");
            }
            return save(imported.model(), provenance);
        }
        if (specFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--torch needs --spec ARCH.json: a state dict "
                    + "holds weights, not the architecture");
        }
        requireFile(source.torch, "--torch");
        requireFile(specFile, "--spec");
        NetworkSpec arch;
        try {
            arch = NetworkSpec.fromJson(new ObjectMapper().readTree(specFile.toFile()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(specFile + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(specFile + ": " + e.getMessage(), e);
        }
        network = NetworkFile.load(arch, Safetensors.read(source.torch).tensors(), source.torch.toString());
        provenance.put("source", "pytorch");
        provenance.put("file", source.torch.getFileName().toString());
        provenance.put("sha256", ModelInfo.sha256(source.torch));
        return save(network, provenance);
    }

    private int save(Sequential network, Map<String, String> provenance) {
        NetworkFile.save(network, provenance, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "imported %s: %d layers, %,d parameters, input %s -> %s%n",
                out, network.layers().size(), network.parameterCount(),
                java.util.Arrays.toString(network.inputShape()), java.util.Arrays.toString(network.outputShape()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int save(org.seqcast.nn.Graph graph, Map<String, String> provenance) {
        NetworkFile.save(graph, provenance, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "imported %s: a graph of %d nodes, %,d parameters, inputs %s,"
                + " outputs %s%n", out, graph.nodes().size(), graph.parameterCount(),
                graph.inputs().stream().map(n -> n.name() + " " + java.util.Arrays.toString(n.shape())).toList(),
                graph.outputs().stream().map(org.seqcast.nn.Graph.Output::name).toList());
        spec.commandLine().getOut().flush();
        return 0;
    }

    static void requireFile(Path p, String option) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(p + ": no such file (" + option + ")");
        }
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a directory; " + option + " takes a file");
        }
    }
}
