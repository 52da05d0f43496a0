package org.seqcast.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqcast.forecast.Forecasters;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seqcast models}: every forecaster name with its kind and one line of help, from the registry. */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        description = {"List every forecaster that --models (backtest) accepts: name, kind (network, classical or "
            + "combination), whether it needs seasonal data, whether backtest runs it by default, and what it is."},
        footer = {"", "Examples:", "  seqcast models"})
final class ModelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Forecasters.names().stream().mapToInt(String::length).max().orElse(4);
        String row = "%-" + width + "s  %-11s  %-8s  %-7s  %s%n";
        out.printf(Locale.ROOT, row, "name", "kind", "seasonal", "default", "description");
        for (Forecasters.Entry e : Forecasters.ALL) {
            out.printf(Locale.ROOT, row, e.name(), e.kind().label(), e.needsSeasonal() ? "yes" : "no",
                    e.byDefault() ? "yes" : "no", e.description());
        }
        out.flush();
        return 0;
    }
}
