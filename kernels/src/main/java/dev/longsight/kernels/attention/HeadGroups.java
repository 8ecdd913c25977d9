package dev.longsight.kernels.attention;

import dev.longsight.kernels.device.ArrayLimit;
import dev.longsight.kernels.device.DeviceArray;
import dev.longsight.kernels.device.DeviceLimitException;
import java.util.List;
import java.util.function.Function;

/**
 * Splits a prefill's query heads into groups that {@link PrefillLauncher} runs one after another, so
 * that every device array of a group stays under the device's per-array limit ({@link ArrayLimit}).
 * Heads are independent, so a split prefill equals the unsplit one bit for bit. A group holds whole
 * KV groups (the query heads that share a KV head) while one fits, else part of one KV group; the
 * fewest groups, of sizes as equal as possible; one group, the whole problem, when everything fits.
 * Example: Llama-3-8B's 32 heads over 8 KV heads at 128K tokens (O is 2^31 bytes) run as two groups
 * of 16 heads and 4 KV heads.
 */
final class HeadGroups {
    private HeadGroups() {}

    /**
     * @param arrays the device arrays a problem of a given shape binds ({@link PrefillKernel#arrays})
     * @param limit  bytes one array may have
     * @return query-head boundaries: group i is heads [b[i], b[i + 1]); {0, heads} when all fits
     * @throws DeviceLimitException when even one query head's arrays are over the limit
     */
    static int[] split(AttentionShape s, Function<AttentionShape, List<DeviceArray>> arrays, long limit) {
        int g = s.groupSize(), kvHeads = s.kvHeads();
        for (int n = 1; n <= kvHeads; n++) { // n groups of whole KV groups, the largest holding ceil(kvHeads / n)
            int kv = ceilDiv(kvHeads, n);
            if (fits(arrays.apply(new AttentionShape(kv * g, kv, s.seqLen(), s.headDim())), limit)) return bounds(kvHeads, n, g, 0);
        }
        for (int n = 2; n <= g; n++) { // each KV group in n parts
            if (fits(arrays.apply(new AttentionShape(ceilDiv(g, n), 1, s.seqLen(), s.headDim())), limit)) {
                int[] b = new int[kvHeads * n + 1];
                for (int kv = 0; kv < kvHeads; kv++) System.arraycopy(bounds(g, n, 1, kv * g), 0, b, kv * n, n);
                b[kvHeads * n] = s.heads();
                return b;
            }
        }
        List<DeviceArray> over = ArrayLimit.over(arrays.apply(new AttentionShape(1, 1, s.seqLen(), s.headDim())), limit);
        throw new DeviceLimitException("a prefill of " + s.seqLen() + " tokens, head dim " + s.headDim()
                + ", cannot fit the device even one head at a time: array(s) over " + ArrayLimit.explain(limit) + ": "
                + over.stream().map(a -> a.name() + " " + a.bytes() + " bytes").toList());
    }

    /** The shape of group [from, to): its query heads and the KV heads they read. */
    static AttentionShape shape(AttentionShape s, int from, int to) {
        int heads = to - from;
        return new AttentionShape(heads, Math.max(1, heads / s.groupSize()), s.seqLen(), s.headDim());
    }

    /** {@code count} units in {@code n} near-equal parts of {@code unit} heads each, from {@code first}; n + 1 entries. */
    private static int[] bounds(int count, int n, int unit, int first) {
        int[] b = new int[n + 1];
        for (int i = 0; i <= n; i++) b[i] = first + (int) ((long) i * count / n) * unit;
        return b;
    }

    private static boolean fits(List<DeviceArray> arrays, long limit) { return ArrayLimit.over(arrays, limit).isEmpty(); }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }
}
