package org.seqcast.cli;

import org.seqcast.Seqcast;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seqcast} command: parses arguments and dispatches to subcommands; the only place with exit codes. */
@Command(name = "seqcast",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Forecast time series with recurrent neural networks (LSTM, GRU, SimpleRNN).",
        subcommands = {DemoCommand.class, FitCommand.class, ForecastCommand.class, BacktestCommand.class, InspectCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Exit code for bad input or a failed run. */
    public static final int EXIT_FAILURE = 1;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 bad input or failure, 2 usage error. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((ex, params) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println("error: " + ex.getMessage());
            bad.getErr().println("Try '" + bad.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
            return bad.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints {@code seqcast <version>}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seqcast " + Seqcast.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
