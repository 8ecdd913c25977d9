package dev.longsight.kernels.pattern;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of static patterns and presets, and the spec parser.
 *
 * <p>Spec grammar: {@code name[:key=value,...]}, or a preset name, combined with {@code |} (union)
 * and {@code &} (intersection), {@code &} binding tighter. List values use {@code /}, as in
 * {@code longnet:segments=8/16,dilations=1/2}. Adding a pattern is one class and one line here.
 */
public final class Patterns {
    private Patterns() {}

    /** One registered pattern: its name, parameters as users write them, and its factory. */
    public record Entry(String name, String parameters, String description, Function<SpecParams, Pattern> factory) {}

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, String> PRESETS = new LinkedHashMap<>();

    private static void register(String name, String parameters, String description, Function<SpecParams, Pattern> f) {
        REGISTRY.put(name, new Entry(name, parameters, description, f));
    }

    static {
        register("full", "", "dense causal", Full::of);
        register("sliding", "window=9,sink=1", "sink blocks + local window", Sliding::of);
        register("stride-slash", "window=6,sink=1,stride=42", "window + sink + every stride-th block back", StrideSlash::of);
        register("dilated", "window=20,dilation=2", "every dilation-th block within the window", Dilated::of);
        register("longnet", "segments=8/16/32/64/128,dilations=1/2/4/8/16", "segment-local dilated blocks", LongNet::of);
        register("bigbird", "window=3,global=1,random=3,seed=0", "window + global + seeded random blocks", BigBird::of);
        register("a-shape", "sink=1,recent=9", "StreamingLLM sink + recent blocks", AShape::of);
        register("power", "window=5,sink=1", "window + sink + power-of-two block distances", Power::of);

        // PowerAttention's budgets at 32K tokens and 256-token blocks (128 blocks, <= 10 key blocks a row).
        PRESETS.put("paper-sliding", "sliding:window=9,sink=1");
        PRESETS.put("paper-stride-slash", "stride-slash:window=6,sink=1,stride=42");
        PRESETS.put("paper-dilated", "dilated:window=20,dilation=2");
        PRESETS.put("paper-longnet", "longnet:segments=8/16/32/64/128,dilations=1/2/4/8/16");
        PRESETS.put("paper-power", "power:window=5,sink=1");
    }

    public static List<Entry> entries() { return List.copyOf(REGISTRY.values()); }

    /**
     * How a preset's rule differs from the PowerAttention paper's setting of that pattern (no sink block, or more
     * key blocks a row than the paper's budget of 10), or null where it does not. Reports print it beside the numbers.
     */
    public static String paperDeviation(String spec) {
        return switch (spec.trim()) {
            case "paper-dilated" -> "no sink block (every other block of a 20-block window; the other presets keep block 0)";
            case "paper-longnet" -> "up to 24 key blocks a row at 32K in 256-token blocks (mean 12.5), above the others' budget of 10";
            default -> null;
        };
    }

    /** Preset name to its expansion, in registration order. */
    public static Map<String, String> presets() { return Map.copyOf(PRESETS); }

    public static List<String> presetNames() { return List.copyOf(PRESETS.keySet()); }

    /** Parses a spec or preset; throws {@link PatternSpecException} naming the spec on any error. */
    public static Pattern parse(String spec) {
        if (spec == null || spec.isBlank()) throw new PatternSpecException("empty pattern spec");
        requireOperands(spec);
        return parsePart(spec);
    }

    /**
     * Refuses an operator without a pattern on each side ({@code a|}, {@code a||b}, {@code a&|b},
     * {@code |a}) and names its 1-based position: splitting would otherwise drop a trailing empty
     * operand silently and report the others as an "empty pattern spec" with no place to look.
     */
    static void requireOperands(String spec) {
        int previous = -1; // index of the operator before the current operand; -1 at the start
        for (int i = 0; i <= spec.length(); i++) {
            boolean end = i == spec.length();
            if (!end && spec.charAt(i) != '|' && spec.charAt(i) != '&') continue;
            if (spec.substring(previous + 1, i).isBlank()) {
                String at = end ? "" : "'" + spec.charAt(i) + "' at position " + (i + 1);
                String message = previous < 0 ? at + " has no pattern before it"
                        : "'" + spec.charAt(previous) + "' at position " + (previous + 1)
                          + (end ? " has no pattern after it" : " is followed by " + at + " with no pattern between them");
                throw new PatternSpecException("pattern spec '" + spec + "': " + message + " (expected a pattern on each side of | and &)");
            }
            previous = i;
        }
    }

    private static Pattern parsePart(String spec) {
        if (spec.isBlank()) throw new PatternSpecException("empty pattern spec");
        String s = spec.trim();
        if (s.contains("|")) {
            Pattern p = null;
            for (String part : s.split("\\|")) p = p == null ? parsePart(part) : p.or(parsePart(part));
            return p;
        }
        if (s.contains("&")) {
            Pattern p = null;
            for (String part : s.split("&")) p = p == null ? parsePart(part) : p.and(parsePart(part));
            return p;
        }
        String preset = PRESETS.get(s);
        if (preset != null) return parsePart(preset);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        Entry e = REGISTRY.get(name);
        if (e == null) {
            throw new PatternSpecException("unknown pattern '" + name + "' in spec '" + spec + "' (expected one of "
                    + String.join(", ", REGISTRY.keySet()) + ", or a preset: " + String.join(", ", PRESETS.keySet()) + ")");
        }
        SpecParams params = new SpecParams(name, colon < 0 ? "" : s.substring(colon + 1));
        Pattern p = e.factory().apply(params);
        params.requireAllKnown();
        return p;
    }
}
