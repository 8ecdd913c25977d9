package dev.longsight.job.cli;

import dev.longsight.job.config.Redaction;
import dev.longsight.job.spark.SignalChainingFix;
import dev.longsight.kernels.device.DeviceFallbackException;
import dev.longsight.kernels.device.DeviceLimitException;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.device.Devices;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code longsight} command: one subcommand per question the tool answers. */
@Command(name = "longsight", mixinStandardHelpOptions = true, version = "LongSight 0.1.0",
        description = "Which sparse-attention pattern keeps long-range retrieval working, and what does it cost?",
        footer = {"", "Example: ./longsight run --patterns full,paper-sliding,paper-power --lengths 4096,8192"},
        subcommands = {RunCommand.class, PatternsCommand.class, RfCommand.class, DevicesCommand.class, BenchCommand.class, FidelityCommand.class, CalibrateCommand.class,
                LogitsCommand.class, PromptsCommand.class,
                CommandLine.HelpCommand.class})
public final class LongSight implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        DeviceTime.enable(); // before anything loads Aparapi: device time in bench results
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code: 0 ok, 2 bad input, 3 device failure or more failed units than --allow-failed allows, 1 other errors. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LongSight());
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName() + ": " + redacted(ex) + suggestion(ex));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                c.getErr().println(c.getCommandName() + ": " + Redaction.text(ex.getMessage()));
                return 2;
            }
            if (ex instanceof DeviceFallbackException || ex instanceof DeviceLimitException || ex instanceof Devices.DeviceUnavailableException) {
                String fix = SignalChainingFix.concerns(ex.getMessage()) // spark-submit passes its master as spark.master
                        ? "; " + SignalChainingFix.forMaster(System.getProperty("spark.master", "local")) : "";
                c.getErr().println(c.getCommandName() + ": device error: " + Redaction.text(ex.getMessage()) + fix);
                return 3;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /**
     * picocli's message with credentials hidden: an unknown option echoes its value (spark-submit's
     * {@code --conf spark.hadoop.fs.s3a.secret.key=...} typed to the wrong command, say).
     */
    static String redacted(CommandLine.ParameterException ex) {
        String message = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> raw = u.getUnmatched(), shown = Redaction.args(raw);
            for (int i = 0; i < raw.size(); i++) {
                if (!raw.get(i).equals(shown.get(i))) message = message.replace(raw.get(i), shown.get(i));
            }
        }
        return Redaction.text(message);
    }

    /** "; did you mean --lengths?" for a misspelled option or subcommand, from picocli's nearest names. */
    static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) return "";
        List<String> near = u.getSuggestions();
        if (near.isEmpty()) return "";
        return "; did you mean " + String.join(" or ", near.subList(0, Math.min(3, near.size()))) + "?";
    }
}
