package dev.longsight.job.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a comma-separated list of pattern specs whose own parameters are also separated by
 * commas: {@code full,sliding:window=9,sink=1,topk:c=2,log} is three specs. A piece starts a new
 * spec when it has a ':' or is a bare name (no '='); a {@code key=value} piece or a bare flag
 * ({@code log}, {@code mean}) belongs to the spec before it; in a combination such as
 * {@code power:window=5,sink=1|sliding:window=2} only the part before the first {@code |} or
 * {@code &} is looked at.
 */
public final class SpecList {
    private SpecList() {}

    private static final Set<String> FLAGS = Set.of("log", "mean");

    public static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            String piece = raw.trim();
            if (piece.isEmpty()) continue;
            String head = piece.split("[|&]", 2)[0]; // a combined spec's first operand decides
            boolean continues = !out.isEmpty() && !head.contains(":") && (head.contains("=") || FLAGS.contains(head));
            if (continues) out.set(out.size() - 1, out.get(out.size() - 1) + "," + piece);
            else out.add(piece);
        }
        return out;
    }
}
