package dev.longsight.job.model;

import java.io.Serializable;

/**
 * The probe network's and kernels' sizes for one run, the same for every unit: sent once to the
 * executors, not per unit.
 */
public record ModelShape(int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String device)
        implements Serializable {}
