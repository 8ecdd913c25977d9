package dev.longsight.job.report.chart;

/** How an axis maps values: linear, or logarithmic (for lengths that double, throughput spanning decades). */
public enum Scale { LINEAR, LOG }
