package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The tile policy's choices, the shipped variants' traits and the kernels' local-memory budgets. */
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
    void everyShippedMmaVariantFitsNvidiasLocalMemory() {
        for (KernelVariant v : KernelVariant.values()) {
            if (!v.precision().tensorCores()) continue;
            int bytes = 4 * MmaPrefillSource.ldsInts(v.mmaTraits(), MmaPrefillSource.Helpers.PTX);
            assertTrue(bytes < 48 * 1024, v.id() + ": " + bytes + " bytes");
        }
        assertEquals(8192 + 2048 + 4, MmaPrefillSource.ldsInts(KernelVariant.MMA_BF16_W8.mmaTraits(), MmaPrefillSource.Helpers.PTX),
                "two bf16 stages (32 KiB), the diagonal step's third K tile (8 KiB) and 16 bytes of slack");
        assertEquals(8192 + 4, MmaPrefillSource.ldsInts(KernelVariant.MMA_TF32_W8.mmaTraits(), MmaPrefillSource.Helpers.PTX), "one tf32 stage");
        assertEquals(8192 + 2048 + 4 + 4 * 192 + 128, MmaPrefillSource.ldsInts(KernelVariant.MMA_BF16_W8.mmaTraits(), MmaPrefillSource.Helpers.PORTABLE),
                "the portable helpers' exchange area: 192 ints per warp, one per work-item");
    }

    @Test
    void variantsCarryTheirTraits() {
        MmaTraits bf16 = KernelVariant.MMA_BF16_W8.mmaTraits();
        assertEquals(new MmaTraits(Precision.BF16, 4, 32, 2, true, true, true, true), bf16);
        assertEquals(128, bf16.queryTile());
        assertEquals(128, bf16.threads(), "4 warps of 32 rows for a 128-row tile");
        assertEquals(new MmaTraits(Precision.BF16, 2, 32, 2, true, true, true, true), KernelVariant.MMA_BF16.mmaTraits());
        assertEquals(new MmaTraits(Precision.TF32, 8, 16, 1, false, false, false, false), KernelVariant.MMA_TF32_W8.mmaTraits());
        assertEquals(64, KernelVariant.MMA_TF32.mmaTraits().queryTile());
        assertEquals(64, MmaPrefillSource.passRows(KernelVariant.MMA_TF32_W8.mmaTraits()), "O leaves in passes of as many rows as the tiles' space holds");
        for (KernelVariant v : KernelVariant.values()) {
            if (v.precision().tensorCores()) assertEquals(v.precision(), v.mmaTraits().precision(), v.id());
        }
        var e = assertThrows(IllegalStateException.class, KernelVariant.TILED::mmaTraits);
        assertTrue(e.getMessage().contains("tiled"), e.getMessage());
    }

    @Test
    void traitsTheSourceDoesNotImplementAreRefused() {
        record Bad(String expect, Executable make) {}
        for (Bad b : new Bad[] {
            new Bad("tf32 or bf16", () -> new MmaTraits(Precision.FP32, 4, 16, 1, false, false, false, false)),
            new Bad("16 or 32", () -> new MmaTraits(Precision.BF16, 4, 8, 1, false, false, false, false)),
            new Bad("bf16 only", () -> new MmaTraits(Precision.TF32, 4, 32, 1, false, false, false, false)),
            new Bad("64 or 128", () -> new MmaTraits(Precision.BF16, 8, 32, 2, false, false, false, false)),
            new Bad("48 KiB", () -> new MmaTraits(Precision.TF32, 8, 16, 2, false, false, false, false)),
            new Bad("diagonal step", () -> new MmaTraits(Precision.BF16, 4, 32, 1, true, false, false, false)),
            new Bad("fragment order", () -> new MmaTraits(Precision.TF32, 8, 16, 1, false, true, false, false)),
            new Bad("per-warp epilogue", () -> new MmaTraits(Precision.BF16, 8, 16, 2, false, false, true, false)),
        }) {
            var e = assertThrows(IllegalArgumentException.class, b.make());
            assertTrue(e.getMessage().contains(b.expect()), e.getMessage());
        }
    }

    @Test
    void traitsBecomeTheSourcesConstants() {
        String bf16 = MmaPrefillSource.source(KernelVariant.MMA_BF16_W8.mmaTraits(), MmaPrefillSource.Helpers.PORTABLE);
        assertTrue(bf16.startsWith("#define LS_BF16 1\n#define MT 2\n#define WARPS 4\n#define BM 128\n#define THREADS 128\n#define BN 32\n"
                + "#define DMAX 128\n#define STAGES 2\n#define DIAGONAL_STEP 1\n#define Q_FROM_L1 1\n#define WARP_EPILOGUE 1\n#define TAIL_MIX 1\n"
                + "#define TAIL_MIX_TILES " + MmaPrefillSource.TAIL_MIX_TILES + "\n"), bf16.substring(0, 400));
        String tf32 = MmaPrefillSource.source(KernelVariant.MMA_TF32.mmaTraits(), MmaPrefillSource.Helpers.PTX);
        assertTrue(tf32.contains("#define STAGES 1\n#define DIAGONAL_STEP 0\n#define Q_FROM_L1 0\n#define WARP_EPILOGUE 0\n#define TAIL_MIX 0\n"));
        assertTrue(tf32.contains("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32") && !bf16.contains("asm"));
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
