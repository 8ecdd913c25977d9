package dev.longsight.job.probe;

/**
 * What one probe pass produced: the decoded answer parts (in answer order), how many match, and
 * the kernels' time summed over layers, the device and the kernel source that ran them.
 */
public record ProbeRun(String[] predicted, int correct, int parts, double kernelMs, double wallMs, String device, String kernel) {
    public String predictedText() { return String.join(",", predicted); }
    public boolean exactMatch() { return correct == parts; }
    public double score() { return parts == 0 ? 0 : (double) correct / parts; }
}
