package dev.longsight.kernels.topk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pattern whose key blocks depend on the length or on Q/K, so not a static
 * {@link dev.longsight.kernels.pattern.Pattern}:
 * <ul>
 *   <li>{@code topk:<budget>}: per query block, the diagonal block plus the k-1 causal key blocks
 *       with the highest estimated score (mean-pooled q . mean-pooled k, as MInference and Quest estimate);</li>
 *   <li>{@code window:<budget>}: the k most recent key blocks (the diagonal included): a window that
 *       grows with the length when the budget does (an adaptive window);</li>
 *   <li>{@code window:<budget>,mean}: a fixed window whose cost, averaged over the lengths of a
 *       sweep, equals the adaptive window's: the fixed window at equal average cost.</li>
 * </ul>
 * {@code <budget>} is one of {@code k=8}, {@code c=2,log}, {@code alpha=1,C=0.5} (see {@link Budget}).
 */
public record DynamicSpec(Kind kind, Budget budget, boolean meanOverSweep) {
    public enum Kind { TOPK, WINDOW }

    private static final String FORMS = "k=<int>, c=<number>,log or alpha=<number>,C=<number in (0,1]>";

    public DynamicSpec {
        if (meanOverSweep && kind != Kind.WINDOW) throw new IllegalArgumentException("'mean' applies to window specs only");
    }

    /** Whether a spec names a dynamic pattern (so {@link #parse} and not the static parser applies). */
    public static boolean isDynamic(String spec) {
        String s = spec == null ? "" : spec.trim();
        return s.equals("topk") || s.startsWith("topk:") || s.equals("window") || s.startsWith("window:");
    }

    public static DynamicSpec parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        Kind kind = switch (name) {
            case "topk" -> Kind.TOPK;
            case "window" -> Kind.WINDOW;
            default -> throw bad(spec, "expected topk:<budget> or window:<budget>");
        };
        if (colon < 0 || colon == s.length() - 1) throw bad(spec, "a budget is required: " + FORMS);
        Map<String, String> kv = new LinkedHashMap<>();
        boolean log = false, mean = false;
        for (String part : s.substring(colon + 1).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                if (p.equals("log")) log = true;
                else if (p.equals("mean") && kind == Kind.WINDOW) mean = true;
                else throw bad(spec, "unknown flag '" + p + "' (flags: log" + (kind == Kind.WINDOW ? ", mean" : "") + ")");
                continue;
            }
            String key = p.substring(0, eq).trim();
            if (!key.equals("k") && !key.equals("c") && !key.equals("alpha") && !key.equals("C")) {
                throw bad(spec, "unknown key '" + key + "' (expected " + FORMS + ")");
            }
            if (kv.put(key, p.substring(eq + 1).trim()) != null) throw bad(spec, "key '" + key + "' given twice");
        }
        Budget budget;
        try {
            if (kv.keySet().equals(java.util.Set.of("k")) && !log) {
                budget = Budget.constant(positiveInt(spec, kv.get("k")));
            } else if (kv.keySet().equals(java.util.Set.of("c")) && log) {
                budget = Budget.log(number(spec, "c", kv.get("c")));
            } else if (kv.keySet().equals(java.util.Set.of("alpha", "C")) && !log) {
                budget = Budget.power(number(spec, "alpha", kv.get("alpha")), number(spec, "C", kv.get("C")));
            } else {
                throw bad(spec, "expected exactly one budget form: " + FORMS);
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof DynamicSpecException) throw e;
            throw bad(spec, e.getMessage());
        }
        return new DynamicSpec(kind, budget, mean);
    }

    private static int positiveInt(String spec, String raw) {
        try {
            int k = Integer.parseInt(raw);
            if (k <= 0) throw bad(spec, "k must be a positive integer, got " + raw);
            return k;
        } catch (NumberFormatException e) {
            throw bad(spec, "k must be a positive integer, got '" + raw + "'");
        }
    }

    private static double number(String spec, String key, String raw) {
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw bad(spec, key + " must be a number, got '" + raw + "'");
        }
    }

    private static DynamicSpecException bad(String spec, String why) {
        return new DynamicSpecException("pattern spec '" + spec + "': " + why);
    }

    /**
     * The window resolved for a sweep: {@code mean} replaced by the constant k whose realised cost
     * (mean key blocks a row, rows near the start keeping fewer), averaged over the sweep's lengths,
     * is closest to the adaptive budget's. Matching realised rather than nominal k keeps the
     * comparison at equal cost even where short lengths clip both windows.
     */
    public DynamicSpec resolveMean(int[] numKeyBlocksPerLength) {
        if (!meanOverSweep) return this;
        double target = 0;
        int maxK = 1;
        for (int nb : numKeyBlocksPerLength) {
            target += realisedBlocksPerRow(budget.blocks(nb), nb) / numKeyBlocksPerLength.length;
            maxK = Math.max(maxK, nb);
        }
        int best = 1;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= maxK; k++) {
            double cost = 0;
            for (int nb : numKeyBlocksPerLength) cost += realisedBlocksPerRow(k, nb) / numKeyBlocksPerLength.length;
            if (Math.abs(cost - target) < bestGap - 1e-12) {
                bestGap = Math.abs(cost - target);
                best = k;
            }
        }
        return new DynamicSpec(kind, Budget.constant(best), false);
    }

    /** Mean key blocks a row when each of numBlocks query blocks keeps min(k, its causal blocks). */
    public static double realisedBlocksPerRow(int k, int numBlocks) {
        long sum = 0;
        for (int q = 0; q < numBlocks; q++) sum += Math.min(k, q + 1);
        return (double) sum / numBlocks;
    }

    public String spec() {
        return kind.name().toLowerCase() + ":" + budget.spec() + (meanOverSweep ? ",mean" : "");
    }

    /** A dynamic spec that cannot be parsed; the message names the spec and the accepted forms. */
    public static final class DynamicSpecException extends IllegalArgumentException {
        public DynamicSpecException(String message) { super(message); }
    }
}
