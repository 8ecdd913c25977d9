package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.io.CsvField;
import java.util.Locale;

/**
 * One benchmark result. The first ten columns are flex_peer.py's (pairs = kept (query, key) pairs of
 * one head; TFLOP/s = 4 * d * pairs * heads / ms); then end-to-end milliseconds (put, kernel, get),
 * speedup over full attention measured at the same length (empty if not measured), the ideal
 * speedup (causal pairs / pairs), and the largest error against the exact reference (empty if
 * not checked); then the median wall time around a launch ({@code launch_ms}: Aparapi's host work
 * included) and where {@code ms} comes from: {@code opencl-events} (device time from OpenCL
 * profiling, what the peer measures with CUDA events) or {@code launch-wall} (Java threads, or no
 * events; then ms = launch_ms). TFLOP/s below 1 (CPU devices) keeps four decimals.
 */
public record BenchRow(String impl, Precision precision, String pattern, int n, int heads, int d, int block, double ms, long pairs,
                       double e2eMs, double speedup, double checkErr, double launchMs, String msFrom) {
    public static final String HEADER =
            "impl,dtype,pattern,n,heads,d,block,ms,pairs,tflops,e2e_ms,speedup_vs_full,ideal_speedup,check_max_err,launch_ms,ms_from";
    public static final String DEVICE_EVENTS = DeviceTime.EVENTS, LAUNCH_WALL = DeviceTime.LAUNCH_WALL;

    public double tflops() { return 4.0 * d * pairs * heads / (ms * 1e-3) / 1e12; }

    public double idealSpeedup() { return ((double) n * (n + 1) / 2) / pairs; }

    public BenchRow withSpeedup(double s) { return new BenchRow(impl, precision, pattern, n, heads, d, block, ms, pairs, e2eMs, s, checkErr, launchMs, msFrom); }

    /** flex_peer.py's dtype names (torch's); tf32 is "tfloat32". */
    public String dtype() {
        return switch (precision) {
            case FP32 -> "float32";
            case TF32 -> "tfloat32";
            case BF16 -> "bfloat16";
        };
    }

    public String csv() {
        String p = CsvField.of(pattern);
        double tf = tflops();
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.3f,%d,%s,%.3f,%s,%.2f,%s,%.3f,%s", impl, dtype(), p, n, heads, d, block,
                ms, pairs, String.format(Locale.ROOT, tf < 1 ? "%.4f" : "%.2f", tf), e2eMs, Double.isNaN(speedup) ? "" : String.format(Locale.ROOT, "%.2f", speedup),
                idealSpeedup(), Double.isNaN(checkErr) ? "" : String.format(Locale.ROOT, "%.2e", checkErr), launchMs, msFrom);
    }
}
