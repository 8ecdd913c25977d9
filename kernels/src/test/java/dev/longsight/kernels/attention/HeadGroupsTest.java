package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.device.ArrayLimit;
import dev.longsight.kernels.device.DeviceArray;
import dev.longsight.kernels.device.DeviceLimitException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The head split: fewest groups, whole KV groups while one fits, nothing split for what fits today. */
class HeadGroupsTest {
    private static final long LIMIT = ArrayLimit.APARAPI_MAX_BYTES;

    /** fp32 Q/O per query head and K/V per KV head, as the fp32 kernels bind them. */
    private static final Function<AttentionShape, List<DeviceArray>> FP32 = new NaivePrefillKernel()::arrays;

    @Test
    void llama3At128kSplitsIntoTwoGroupsOfFourKvHeadsInEveryPrecision() {
        AttentionShape llama = new AttentionShape(32, 8, 131072, 128); // O is exactly 2^31 bytes
        for (KernelVariant v : KernelVariant.values()) {
            PrefillKernel k = v == KernelVariant.NAIVE ? new NaivePrefillKernel() : v == KernelVariant.TILED ? new TiledPrefillKernel()
                    : MmaPrefillKernel.create(v, MmaPrefillSource.Helpers.PTX);
            assertArrayEquals(new int[] {0, 16, 32}, HeadGroups.split(llama, k::arrays, LIMIT), v.id());
        }
    }

    @Test
    void whatFitsRunsAsOneGroup() {
        assertArrayEquals(new int[] {0, 8}, HeadGroups.split(new AttentionShape(8, 8, 131072, 128), FP32, LIMIT));
        // just under 2^31 bytes of O
        assertArrayEquals(new int[] {0, 1}, HeadGroups.split(new AttentionShape(1, 1, 4194303, 128), FP32, LIMIT));
        assertArrayEquals(new int[] {0, 32}, HeadGroups.split(new AttentionShape(32, 8, 131071, 128), FP32, LIMIT));
    }

    @Test
    void groupsAreNearEqualWholeKvGroups() {
        // 3 of 8 KV heads per group fit, 4 do not: 3 groups of 3, 3 and 2 KV heads (4 query heads each)
        long perKvGroup = 4L * 1000 * 64 * 4;
        assertArrayEquals(new int[] {0, 8, 20, 32}, HeadGroups.split(new AttentionShape(32, 8, 1000, 64), FP32, 3 * perKvGroup));
    }

    @Test
    void aKvGroupTooLargeForTheLimitIsSplitWithinItself() {
        // 8 query heads on one KV head; 3 query heads' O fit: each KV group in 3 parts (3, 3, 2)
        long perHead = 1000L * 64 * 4;
        int[] b = HeadGroups.split(new AttentionShape(16, 2, 1000, 64), FP32, 3 * perHead);
        assertArrayEquals(new int[] {0, 2, 5, 8, 10, 13, 16}, b);
        for (int i = 0; i + 1 < b.length; i++) {
            AttentionShape g = HeadGroups.shape(new AttentionShape(16, 2, 1000, 64), b[i], b[i + 1]);
            assertTrue(g.kvHeads() == 1 && b[i] / 8 == (b[i + 1] - 1) / 8, "a part stays within one KV group");
        }
    }

    @Test
    void aSingleHeadOverTheLimitIsRefusedNamingTheArray() {
        DeviceLimitException e = assertThrows(DeviceLimitException.class,
                () -> HeadGroups.split(new AttentionShape(2, 1, 1000, 64), FP32, 1000L * 64 * 4 - 1));
        assertTrue(e.getMessage().contains("qIn 256000 bytes") && e.getMessage().contains("oOut 256000 bytes"), e.getMessage());
    }

    @Test
    void theGroupShapeReadsItsOwnKvHeads() {
        AttentionShape s = new AttentionShape(32, 8, 100, 64);
        assertTrue(HeadGroups.shape(s, 16, 32).equals(new AttentionShape(16, 4, 100, 64)));
        assertTrue(HeadGroups.shape(s, 5, 7).equals(new AttentionShape(2, 1, 100, 64)));
    }
}
