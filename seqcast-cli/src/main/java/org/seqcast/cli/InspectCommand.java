package org.seqcast.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.io.NetworkFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seqcast inspect}: the model file's manifest in readable form. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Show a model file: architecture, parameter count, data schema, training provenance and metrics.",
        footer = {"", "Examples:", "  seqcast inspect air.seqcast", "  seqcast inspect air.seqcast --json"})
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .seqcast model file.")
    private Path model;

    @Option(names = "--json", description = "Print the manifest itself (JSON).")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (!json && NetworkFile.isNetworkFile(model)) {
            spec.commandLine().getOut().print(describe(org.seqcast.io.NetworkFile.load(model)));
            spec.commandLine().getOut().flush();
            return 0;
        }
        LoadedModel loaded = json ? null : ModelFile.load(model);
        if (json) {
            if (!NetworkFile.isNetworkFile(model)) {
                ModelFile.load(model); // checks the whole file before its manifest is shown
            } else {
                org.seqcast.io.NetworkFile.load(model);
            }
            try (ZipFile zip = new ZipFile(model.toFile())) {
                spec.commandLine().getOut().println(new String(
                        zip.getInputStream(zip.getEntry(ModelFile.MANIFEST_ENTRY)).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            spec.commandLine().getOut().print(ModelFile.describe(loaded));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A bare network: its layers, parameters and where it came from. */
    static String describe(org.seqcast.io.NetworkFile.LoadedNetwork n) {
        StringBuilder sb = new StringBuilder();
        sb.append("Seqcast bare network ").append(n.file()).append('\n');
        n.provenance().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        sb.append('\n').append(n.summary());
        if (!sb.toString().endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("Run it with: seqcast predict --model ").append(n.file()).append(" --input X.npy --out Y.npy\n");
        return sb.toString();
    }
}
