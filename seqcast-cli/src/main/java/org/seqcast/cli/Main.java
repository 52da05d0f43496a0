package org.seqcast.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.seqcast.Seqcast;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code seqcast} command: parses arguments and dispatches to subcommands; the only place with exit codes. */
@Command(name = "seqcast",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Forecast time series with recurrent neural networks (LSTM, GRU, SimpleRNN).",
        subcommands = {DemoCommand.class, FitCommand.class, ForecastCommand.class, ExplainCommand.class, BacktestCommand.class,
            InspectCommand.class,
            PredictCommand.class, ImportCommand.class, ExportCommand.class,
            ModelsCommand.class, BenchCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Exit code for bad input or a failed run. */
    public static final int EXIT_FAILURE = 1;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the error message.")
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 bad input or failure, 2 usage error. */
    public static int run(String... args) {
        if (SparkDelegate.wanted(args)) {
            return SparkDelegate.run(args, System.err);
        }
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setUsageHelpWidth(120); // examples stay on one line, so they can be copied
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Messages.error(commandLine.getErr(), message(ex));
            if (main.verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((ex, params) -> {
            CommandLine bad = ex.getCommandLine();
            if (ex instanceof CommandLine.MissingParameterException && !bad.getUnmatchedArguments().isEmpty()) {
                // a misspelt option is the likelier cause of a "missing" one: name it first
                ex = new CommandLine.UnmatchedArgumentException(bad, bad.getUnmatchedArguments());
            }
            Messages.error(bad.getErr(), ex.getMessage());
            bad.getErr().println("Try '" + bad.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
            return bad.getCommandSpec().exitCodeOnInvalidInput();
        });
        // no @FILE argument files: an unreadable one escaped every handler as a stack trace, and a file name
        // starting with @ would be read as arguments
        cl.setExpandAtFiles(false);
        cl.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult command = parseResult;
            while (command.hasSubcommand()) {
                command = command.subcommand();
            }
            LibraryWarnings.route(command.commandSpec().commandLine().getErr(), command.hasMatchedOption("--quiet"));
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return stdoutChecked(cl, cl.execute(args));
        } catch (OutOfMemoryError e) {
            Messages.error(cl.getErr(), "out of memory (" + e.getMessage() + "); use a smaller network or batch"
                    + " (--units, --layers, --window, --batch-size) or give Java more memory, e.g."
                    + " SEQCAST_JAVA_OPTS=-Xmx8g");
            cl.getErr().flush();
            return EXIT_FAILURE;
        }
    }

    /**
     * The exit code of a run whose stdout may have failed: output that did not reach stdout (a full disk, a
     * closed pipe; {@code PrintStream} and {@code PrintWriter} only record such errors) makes a successful run
     * a failure, said on stderr.
     */
    private static int stdoutChecked(CommandLine cl, int code) {
        boolean failed = cl.getOut().checkError() | System.out.checkError();
        if (!failed) {
            return code;
        }
        cl.getErr().println("error: cannot write to standard output (a full disk, or a pipe closed by the reader):"
                + " the output is incomplete");
        cl.getErr().flush();
        return code == 0 ? EXIT_FAILURE : code;
    }

    /**
     * The one-line message of a failure: the exception's own message (the library's name the file, line and
     * column), file system errors as "file: reason", and an unexpected exception without a message by its kind.
     */
    static String message(Throwable ex) {
        Throwable cause = ex.getCause();
        if (cause != null && (ex.getMessage() == null || ex.getMessage().equals(cause.toString()))) {
            return message(cause); // a wrapper such as new UncheckedIOException(e) says no more than its cause
        }
        if (ex instanceof FileSystemException fs) {
            String reason = fs instanceof NoSuchFileException ? "no such file or directory"
                    : fs instanceof AccessDeniedException ? "permission denied"
                    : fs instanceof FileAlreadyExistsException ? "already exists"
                    : fs instanceof DirectoryNotEmptyException ? "is a directory that is not empty"
                    : fs instanceof NotDirectoryException ? "not a directory"
                    : fs.getReason() != null ? fs.getReason() : "cannot be read or written";
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + reason;
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + ex.getClass().getSimpleName() + "; run 'seqcast --verbose ...' for the stack trace";
        }
        return message;
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
