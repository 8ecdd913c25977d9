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
    void tensorCorePrecisionsUseTheMmaKernelWideWhereTheBlockAllows() {
        for (boolean openCL : new boolean[] {true, false}) {
            assertEquals(KernelVariant.MMA_BF16_W8, TilePolicy.variant(128, openCL, Precision.BF16));
            assertEquals(KernelVariant.MMA_BF16, TilePolicy.variant(192, openCL, Precision.BF16));
            assertEquals(KernelVariant.MMA_TF32_W8, TilePolicy.variant(256, openCL, Precision.TF32));
            assertEquals(KernelVariant.MMA_TF32, TilePolicy.variant(64, openCL, Precision.TF32));
            assertEquals(KernelVariant.TILED, TilePolicy.variant(128, true, Precision.FP32));
        }
    }

    @Test
    void mmaKernelFitsNvidiasLocalMemoryAtEveryWidthAndDefaultOptions() {
        for (Precision p : new Precision[] {Precision.TF32, Precision.BF16}) {
            for (int warps : new int[] {4, 8}) {
                int bytes = 4 * MmaPrefillSource.ldsInts(p, MmaPrefillSource.Helpers.PTX, MmaPrefillSource.OPTS, warps);
                assertTrue(bytes < 48 * 1024, p + " " + warps + " warps: " + bytes + " bytes");
            }
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MmaPrefillSource.ldsInts(
                Precision.BF16, MmaPrefillSource.Helpers.PTX, MmaPrefillSource.options("cpasync,qlds"), 4));
        assertTrue(e.getMessage().contains("48 KiB"), e.getMessage());
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
