package dev.longsight.job.report;

/** The Pareto front of (cost, accuracy) points: the patterns that no other pattern beats on both. */
final class Pareto {
    private Pareto() {}

    /**
     * Which points are on the front: a point is dominated when another costs no more and is no less
     * accurate, and is strictly better in one of the two. Points with a NaN coordinate are never on
     * it; equal points are both on it.
     *
     * @param cost     (points) lower is better
     * @param accuracy (points) higher is better
     */
    static boolean[] front(double[] cost, double[] accuracy) {
        int n = cost.length;
        boolean[] on = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(cost[i]) || Double.isNaN(accuracy[i])) continue;
            on[i] = true;
            for (int j = 0; j < n && on[i]; j++) {
                if (j == i || Double.isNaN(cost[j]) || Double.isNaN(accuracy[j])) continue;
                boolean noWorse = cost[j] <= cost[i] && accuracy[j] >= accuracy[i];
                boolean better = cost[j] < cost[i] || accuracy[j] > accuracy[i];
                if (noWorse && better) on[i] = false;
            }
        }
        return on;
    }
}
