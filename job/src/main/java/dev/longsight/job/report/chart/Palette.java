package dev.longsight.job.report.chart;

/** Colours: a categorical palette for series and the red-yellow-green scale for accuracy cells. */
public final class Palette {
    /** Ten colours distinguishable on white and by most colour-blind readers (Okabe-Ito plus four). */
    private static final String[] CATEGORICAL = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
        "#56B4E9", "#7F7F7F", "#8C564B", "#17BECF", "#BCBD22"};
    /** Stops of the diverging scale at 0, 0.5, 1: red, yellow, green as in the classic NIAH heatmap. */
    private static final int[][] SCALE = {{0xD7, 0x30, 0x27}, {0xFE, 0xE0, 0x8B}, {0x1A, 0x98, 0x50}};
    /** Cells without data. */
    public static final String NO_DATA = "#E6E6E6";

    private Palette() {}

    /** The i-th categorical colour, cycling after ten. */
    public static String series(int i) {
        return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
    }

    /** The i-th categorical colour mixed halfway with white: the same hue, clearly lighter. */
    public static String light(int i) {
        int rgb = Integer.parseInt(series(i).substring(1), 16);
        return String.format("#%02X%02X%02X", mix((rgb >> 16) & 0xFF, 0xFF, 0.55), mix((rgb >> 8) & 0xFF, 0xFF, 0.55), mix(rgb & 0xFF, 0xFF, 0.55));
    }

    /** Colour of a value in [0, 1] (clamped) on the red-yellow-green scale; NaN gives {@link #NO_DATA}. */
    public static String scale(double v) {
        if (Double.isNaN(v)) return NO_DATA;
        double t = Math.max(0, Math.min(1, v)) * 2;
        int lo = Math.min((int) t, 1);
        double f = t - lo;
        int[] a = SCALE[lo], b = SCALE[lo + 1];
        return String.format("#%02X%02X%02X", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
