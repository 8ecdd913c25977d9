package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            for (int slices : new int[] {4, 8}) {
                int bytes = 4 * MmaPrefillSource.ldsInts(p, MmaPrefillSource.Helpers.PTX, MmaPrefillSource.OPTS, slices);
                assertTrue(bytes < 48 * 1024, p + " " + slices + " slices: " + bytes + " bytes");
            }
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MmaPrefillSource.ldsInts(
                Precision.BF16, MmaPrefillSource.Helpers.PTX, MmaPrefillSource.options("cpasync,qlds"), 4));
        assertTrue(e.getMessage().contains("48 KiB"), e.getMessage());
    }

    @Test
    void r32GivesBf16WarpsTwoSlicesAnd32KeyTiles() {
        var r32 = MmaPrefillSource.options("cpasync,stlds,r32");
        var r16 = MmaPrefillSource.options("cpasync,stlds");
        assertEquals(128, MmaPrefillSource.threads(Precision.BF16, r32, 8), "4 warps of 32 rows for a 128-row tile");
        assertEquals(64, MmaPrefillSource.threads(Precision.BF16, r32, 4));
        assertEquals(32, MmaPrefillSource.bn(Precision.BF16, r32), "32 keys: S of two m-tiles in 32 registers");
        assertEquals(32, MmaPrefillSource.passRows(Precision.BF16, r32, 8), "O leaves in passes of one warp's rows");
        assertEquals(256, MmaPrefillSource.threads(Precision.BF16, r16, 8));
        assertEquals(64, MmaPrefillSource.bn(Precision.BF16, r16));
        assertEquals(256, MmaPrefillSource.threads(Precision.TF32, r32, 8), "tf32 keeps one slice per warp (its Q fragments are twice the registers)");
        // CI runs the default and "cpasync,stlds" (kernels/pom.xml)
        boolean dflt = MmaPrefillSource.OPTS.contains("r32");
        assertEquals(dflt ? "cpasync,db2,dfirst,dhalf,h64,owarp,qgl,r32,tmix" : "cpasync,stlds", MmaPrefillSource.label(Precision.BF16, MmaPrefillSource.Helpers.PTX), "sorted, as parsed");
        assertEquals(dflt ? "cpasync,db2,dfirst,dhalf,owarp,qgl,r32,tmix" : "cpasync,stlds", MmaPrefillSource.label(Precision.BF16, MmaPrefillSource.Helpers.PORTABLE), "the portable source has no h64 step");
        assertEquals("cpasync,stlds", MmaPrefillSource.label(Precision.TF32, MmaPrefillSource.Helpers.PTX), "a tf32 result claims neither r32, db2, owarp, dfirst, dhalf, h64, qgl nor tmix");
        assertTrue(MmaPrefillSource.source(Precision.BF16, MmaPrefillSource.Helpers.PTX, r32, 8).contains("#define MT 2\n#define WARPS 4\n#define BM 128\n#define THREADS 128\n#define BN 32\n"));
    }

    @Test
    void twoStagesOnlyWhereAStageIs16KiB() {
        var d = MmaPrefillSource.options(MmaPrefillSource.DEFAULT_OPTS);
        var one = MmaPrefillSource.options("cpasync,owarp,r32");
        assertTrue(MmaPrefillSource.db2(Precision.BF16, d));
        assertEquals(2 * MmaPrefillSource.tileInts(Precision.BF16, one), MmaPrefillSource.tileInts(Precision.BF16, d), "two K/V stages");
        assertEquals(8192 + 2048 + 4, MmaPrefillSource.ldsInts(Precision.BF16, MmaPrefillSource.Helpers.PTX, d, 8), "32 KiB of tiles, h64's third K tile (8 KiB) and 16 bytes of slack");
        assertEquals(8192 + 4, MmaPrefillSource.ldsInts(Precision.BF16, MmaPrefillSource.Helpers.PTX, MmaPrefillSource.options("cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds"), 8), "without h64");
        assertFalse(MmaPrefillSource.db2(Precision.TF32, d), "a tf32 stage is 32 KiB");
        assertFalse(MmaPrefillSource.db2(Precision.BF16, MmaPrefillSource.options("cpasync,db2")), "64-key bf16 tiles: a stage is 32 KiB");
        assertTrue(MmaPrefillSource.source(Precision.BF16, MmaPrefillSource.Helpers.PTX, d, 8).contains("#define LS_DB2 1\n"));
        assertTrue(MmaPrefillSource.source(Precision.TF32, MmaPrefillSource.Helpers.PTX, d, 8).contains("#define LS_DB2 0\n"));
        assertEquals(64, MmaPrefillSource.passRows(Precision.BF16, d, 8), "PASS_ROWS (for stlds) follows the space");
    }

    @Test
    void diagonalFirstOnlyWithTwoStages() {
        var d = MmaPrefillSource.options(MmaPrefillSource.DEFAULT_OPTS);
        assertTrue(MmaPrefillSource.effective(Precision.BF16, d, "dfirst"));
        assertFalse(MmaPrefillSource.effective(Precision.TF32, d, "dfirst"), "tf32 (one stage) was 3% slower with it");
        assertFalse(MmaPrefillSource.effective(Precision.BF16, MmaPrefillSource.options("cpasync,stlds,dfirst"), "dfirst"), "64-key bf16 tiles: one stage");
        assertTrue(MmaPrefillSource.source(Precision.BF16, MmaPrefillSource.Helpers.PTX, d, 8).contains("#define LS_DFIRST 1\n"));
        assertTrue(MmaPrefillSource.source(Precision.TF32, MmaPrefillSource.Helpers.PTX, d, 8).contains("#define LS_DFIRST 0\n"));
    }

    @Test
    void halfDiagonalNeedsTwoMTilesAndTheDiagonalFirst() {
        var d = MmaPrefillSource.options(MmaPrefillSource.DEFAULT_OPTS);
        assertTrue(MmaPrefillSource.effective(Precision.BF16, d, "dhalf"));
        assertTrue(MmaPrefillSource.effective(Precision.BF16, d, "qgl"));
        assertFalse(MmaPrefillSource.effective(Precision.TF32, d, "dhalf"), "tf32 warps own one m-tile");
        assertFalse(MmaPrefillSource.effective(Precision.TF32, d, "qgl"), "Q's fragment order is bf16's");
        assertFalse(MmaPrefillSource.effective(Precision.BF16, MmaPrefillSource.options("cpasync,db2,r32,owarp,dhalf"), "dhalf"), "the diagonal's first part must come first");
        assertFalse(MmaPrefillSource.effective(Precision.BF16, MmaPrefillSource.options("cpasync,bn32,qlds,qgl"), "qgl"), "Q from local memory instead");
        String src = MmaPrefillSource.source(Precision.BF16, MmaPrefillSource.Helpers.PORTABLE, d, 8);
        assertTrue(src.contains("#define LS_DHALF 1\n") && src.contains("#define LS_QGL 1\n"));
        assertTrue(MmaPrefillSource.effective(Precision.BF16, d, "h64"));
        assertFalse(MmaPrefillSource.effective(Precision.BF16, MmaPrefillSource.options("cpasync,db2,dfirst,owarp,qgl,r32,h64"), "h64"), "h64 is dhalf's second half in one step");
        assertFalse(MmaPrefillSource.effective(Precision.TF32, d, "h64"));
    }

    @Test
    void interleavedEndIsBf16sDispatchOrder() {
        var d = MmaPrefillSource.options(MmaPrefillSource.DEFAULT_OPTS);
        assertTrue(MmaPrefillSource.effective(Precision.BF16, d, "tmix"));
        assertFalse(MmaPrefillSource.effective(Precision.TF32, d, "tmix"), "tf32 keeps its measured order");
        String src = MmaPrefillSource.source(Precision.BF16, MmaPrefillSource.Helpers.PORTABLE, d, 8);
        assertTrue(src.contains("#define LS_TMIX 1\n") && src.contains("#define TMIX_LIGHT " + MmaPrefillSource.TMIX_LIGHT + "\n"));
        assertTrue(MmaPrefillSource.source(Precision.TF32, MmaPrefillSource.Helpers.PTX, d, 8).contains("#define LS_TMIX 0\n"));
    }

    @Test
    void naiveTileRowsDivideTheBlock() {
        assertEquals(64, TilePolicy.tileRows(128));
        assertEquals(16, TilePolicy.tileRows(48));
        assertEquals(1, TilePolicy.tileRows(7));
        assertEquals(2, TilePolicy.javaTileRows(128, 2), "no more rows than the pool's workers");
        assertEquals(16, TilePolicy.javaTileRows(128, 16));
        assertEquals(32, TilePolicy.javaTileRows(128, 48), "a power of two that divides the block");
        assertEquals(64, TilePolicy.javaTileRows(128, 128));
        assertEquals(16, TilePolicy.javaTileRows(48, 64));
        assertEquals(1, TilePolicy.javaTileRows(7, 8));
        assertEquals(1, TilePolicy.javaTileRows(128, 1));
    }

    @Test
    void tiledKernelFitsTheH100sLocalMemory() {
        assertTrue(TiledPrefillSource.STAGE_FLOATS >= TiledPrefillSource.VK * AttentionShape.MAX_HEAD_DIM, "V chunk fits the stage");
        assertTrue(TiledPrefillSource.LDS_FLOATS * 4 <= 48 * 1024, "local bytes " + TiledPrefillSource.LDS_FLOATS * 4);
        assertEquals(0, TiledPrefillSource.PT_AT % 4);
        assertEquals(0, TiledPrefillSource.RED_AT % 4);
    }
}
