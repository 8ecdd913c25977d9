package dev.longsight.kernels.topk;

/**
 * How many key blocks a row keeps, as a function of N, the number of key blocks of the sequence
 * ({@code ceil(seqLen / blockSize)}). Always at least 1 (the diagonal) and at most N.
 *
 * <p>Forms: {@code k=8} (constant), {@code c=2,log} ({@code ceil(c * ln N)}), {@code alpha=1,C=0.5}
 * ({@code ceil(alpha * N^C)}). N counts blocks of the whole sequence, not of one row: k is then one
 * number per length, so a pattern's cost is known before it runs and can be matched exactly by a
 * fixed window; and {@code alpha * N^C = (alpha / blockSize^C) * n^C} in tokens, so the exponent C,
 * which the n^C claims are about, is the same whether one counts tokens or blocks.
 */
public record Budget(Form form, double value, double exponent) {
    /** CONSTANT: value = k. LOG: value = c. POWER: value = alpha, exponent = C. */
    public enum Form { CONSTANT, LOG, POWER }

    public Budget {
        if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException("budget value must be > 0, got " + value);
        if (form == Form.POWER && !(exponent > 0 && exponent <= 1)) {
            throw new IllegalArgumentException("budget exponent C must be in (0, 1], got " + exponent);
        }
        if (form == Form.CONSTANT && value != Math.rint(value)) throw new IllegalArgumentException("k must be an integer, got " + value);
    }

    public static Budget constant(int k) { return new Budget(Form.CONSTANT, k, 0); }
    public static Budget log(double c) { return new Budget(Form.LOG, c, 0); }
    public static Budget power(double alpha, double c) { return new Budget(Form.POWER, alpha, c); }

    /** Key blocks a row keeps when the sequence has {@code numKeyBlocks} blocks, in [1, numKeyBlocks]. */
    public int blocks(int numKeyBlocks) {
        if (numKeyBlocks <= 0) throw new IllegalArgumentException("number of key blocks must be > 0, got " + numKeyBlocks);
        double k = switch (form) {
            case CONSTANT -> value;
            case LOG -> Math.ceil(value * Math.log(numKeyBlocks) - 1e-9);
            case POWER -> Math.ceil(value * Math.pow(numKeyBlocks, exponent) - 1e-9);
        };
        return (int) Math.max(1, Math.min(numKeyBlocks, k));
    }

    /** The spec body: {@code k=8}, {@code c=2,log} or {@code alpha=1,C=0.5}. */
    public String spec() {
        return switch (form) {
            case CONSTANT -> "k=" + (long) value;
            case LOG -> "c=" + num(value) + ",log";
            case POWER -> "alpha=" + num(value) + ",C=" + num(exponent);
        };
    }

    static String num(double x) { return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x); }
}
