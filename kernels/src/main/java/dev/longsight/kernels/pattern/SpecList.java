package dev.longsight.kernels.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a list of pattern specs as users type it on a command line, where a spec's own
 * parameters are also separated by commas: {@code full,sliding:window=9,sink=1,topk:c=2,log} is
 * three specs. {@code ;} always separates. A comma piece starts a new spec when it has a ':' or is
 * a bare name (no '='); a {@code key=value} piece or a bare flag of a dynamic spec ({@code log},
 * {@code mean}: {@link dev.longsight.kernels.topk.DynamicSpec}) continues the spec before it. In a
 * combination such as {@code power:window=5,sink=1|sliding:window=2} only the part before the
 * first {@code |} or {@code &} is looked at. One splitter for every command's {@code --patterns}.
 */
public final class SpecList {
    private SpecList() {}

    private static final Set<String> FLAGS = Set.of("log", "mean");

    public static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String group : list.split(";")) {
            boolean first = true; // a group's first piece always starts a spec
            for (String raw : group.split(",")) {
                String piece = raw.trim();
                if (piece.isEmpty()) continue;
                String head = piece.split("[|&]", 2)[0];
                boolean continues = !first && !head.contains(":") && (head.contains("=") || FLAGS.contains(head));
                if (continues) out.set(out.size() - 1, out.get(out.size() - 1) + "," + piece);
                else out.add(piece);
                first = false;
            }
        }
        return out;
    }
}
