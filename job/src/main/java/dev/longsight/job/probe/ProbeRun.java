package dev.longsight.job.probe;

/**
 * What one probe pass produced: the decoded answer parts (in answer order), how many match, and
 * where its time went, summed over layers: {@code kernelMs} the kernels' (device time where events
 * exist), {@code wallMs} the prefills' whole wall time (transfers and launches included),
 * {@code transferMs} the part of it spent putting inputs and getting outputs, {@code buildMs} the
 * host's construction of the probe (inputs read from the tokens, residual stream, Q/K/V of every
 * layer), {@code readoutMs} the host's work on the outputs (each layer's update, the final decode
 * and scoring); and the device and kernel source that ran the kernels.
 */
public record ProbeRun(String[] predicted, int correct, int parts, double kernelMs, double wallMs, String device, String kernel,
                       double buildMs, double transferMs, double readoutMs) {
    public String predictedText() { return String.join(",", predicted); }
    public boolean exactMatch() { return correct == parts; }
    public double score() { return parts == 0 ? 0 : (double) correct / parts; }
}
