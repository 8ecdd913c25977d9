package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tile policy's choices and the tiled kernel's local-memory budget. */
class TilePolicyTest {
    @Test
    void tiledKernelOnlyOnOpenCLWhereItsTilesFill() {
        assertEquals(KernelVariant.TILED, TilePolicy.variant(128, true));
        assertEquals(KernelVariant.TILED, TilePolicy.variant(64, true));
        assertEquals(KernelVariant.NAIVE, TilePolicy.variant(32, true));
        assertEquals(KernelVariant.NAIVE, TilePolicy.variant(100, true));
        assertEquals(KernelVariant.NAIVE, TilePolicy.variant(128, false), "Java threads run the naive kernel");
    }

    @Test
    void naiveTileRowsDivideTheBlock() {
        assertEquals(64, TilePolicy.tileRows(128));
        assertEquals(16, TilePolicy.tileRows(48));
        assertEquals(1, TilePolicy.tileRows(7));
    }

    @Test
    void tiledKernelFitsTheH100sLocalMemory() {
        assertTrue(TiledPrefillSource.STAGE_FLOATS >= TiledPrefillSource.VK * AttentionShape.MAX_HEAD_DIM, "V chunk fits the stage");
        assertTrue(TiledPrefillSource.LDS_FLOATS * 4 <= 48 * 1024, "local bytes " + TiledPrefillSource.LDS_FLOATS * 4);
        assertEquals(0, TiledPrefillSource.PT_AT % 4);
        assertEquals(0, TiledPrefillSource.RED_AT % 4);
    }
}
