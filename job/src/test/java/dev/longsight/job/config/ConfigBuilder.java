package dev.longsight.job.config;

import dev.longsight.kernels.attention.Precision;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Test fixture: a valid, tiny {@link RunConfig}; tests change one value at a time. */
public final class ConfigBuilder {
    public String input = "in", output = "out", jsonField = "text", device = "jtp", master = "local[2]";
    public InputFormat format = InputFormat.AUTO;
    public BadInput badLines = BadInput.FAIL;
    public BadInput badFiles = BadInput.SKIP;
    /** True as with no --input (then {@link #args} leaves --input out, and input must be the default). */
    public boolean passkeyFiller;
    public boolean overwrite;
    public List<String> tasks = List.of("passkey"), patterns = List.of("full", "paper-power");
    public List<Integer> lengths = List.of(256, 512);
    public List<Double> depths = List.of(0.0, 1.0);
    public int samples = 1, layers = 2, heads = 4, kvHeads = 2, headDim = 64, block = 64, chunk = 256, maxFailures = 2;
    public long seed = 7;
    public Precision precision = Precision.FP32;
    public AllowedFailures allowFailed = AllowedFailures.NONE;
    /** Spark settings, as --conf gives them. */
    public java.util.Map<String, String> sparkConf = java.util.Map.of();

    public RunConfig build() {
        return new RunConfig(input, format, jsonField, badLines, badFiles, passkeyFiller, output, overwrite, tasks, lengths, depths, samples, patterns, seed,
                layers, heads, kvHeads, headDim, block, chunk, device, precision, master, maxFailures, allowFailed, sparkConf);
    }

    public static RunConfig with(UnaryOperator<ConfigBuilder> change) { return change.apply(new ConfigBuilder()).build(); }

    /** The same config as command-line arguments of {@code longsight run}. */
    public List<String> args() {
        if (passkeyFiller && !input.equals(RunConfig.DEFAULT_INPUT)) throw new IllegalStateException("no --input means the sample corpus");
        List<String> in = passkeyFiller ? List.of() : List.of("--input", input);
        return Stream.concat(in.stream(), Stream.of("--output", output, "--json-field", jsonField, "--device", device, "--master", master,
                "--format", format.toString(), "--bad-lines", badLines.toString(), "--bad-files", badFiles.toString(), "--tasks", String.join(",", tasks),
                "--patterns", String.join(",", patterns), "--lengths", join(lengths), "--depths", join(depths),
                "--samples", "" + samples, "--layers", "" + layers, "--heads", "" + heads, "--kv-heads", "" + kvHeads,
                "--head-dim", "" + headDim, "--block", "" + block, "--chunk", "" + chunk, "--precision", precision.id(), "--max-failures", "" + maxFailures,
                "--allow-failed", allowFailed.text().equals("none") ? "0" : allowFailed.text(),
                "--seed", "" + seed)).toList();
    }

    private static String join(List<?> xs) { return String.join(",", xs.stream().map(String::valueOf).toList()); }
}
