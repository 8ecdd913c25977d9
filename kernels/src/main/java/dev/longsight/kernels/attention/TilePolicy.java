package dev.longsight.kernels.attention;

/**
 * How many query rows one work-group of {@link SparsePrefillKernel} handles. A pure function so
 * the choice can be tested and measured on its own.
 *
 * <p>A group must stay inside one query block (it shares one layout row), so the tile divides the
 * block size. 64 rows: K/V tiles in local memory are read by all rows of the group, so larger groups
 * amortise the loads; 64 x (2 x 32 keys x 128 floats) stays well inside the H100's 48 KiB of local
 * memory, and the design notes' first kernel ran at 3.2-3.8 TFLOP/s with this shape.
 */
public final class TilePolicy {
    private TilePolicy() {}

    public static final int MAX_TILE_ROWS = 64;

    public static int tileRows(int blockSize) {
        int t = MAX_TILE_ROWS;
        while (blockSize % t != 0) t >>= 1;
        return t;
    }
}
