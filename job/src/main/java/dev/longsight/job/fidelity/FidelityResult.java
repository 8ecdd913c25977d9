package dev.longsight.job.fidelity;

import java.io.Serializable;

/**
 * One row of the fidelity table: a pattern at one length, over all heads of the source.
 *
 * @param granularity     "block" (what the kernels ran) or "token" (token-level top-k reference at the same per-row key counts)
 * @param numKeyBlocks    N = ceil(length / block), the n of the budgets
 * @param budgetBlocks    blocks a row the spec asks for (0 for static patterns)
 * @param blocksPerRow    mean key blocks a query block attends (the cost, diagonal included)
 * @param density         attended (query, key) pairs / causal pairs
 * @param droppedMean     dropped softmax mass (= TV distance to exact), mean over rows; also p50, p99, max
 * @param relL2Mean       relative L2 error of the output row, mean over rows; also p50, p99, max
 * @param droppedLate     mean dropped mass over the last position bucket: rows that attend about n keys, the
 *                        rows the n^C claims speak of (the all-row mean mixes in early rows with few keys)
 * @param relL2Late       mean relative L2 error over the last position bucket
 * @param maxAbs          largest abs error of any output element
 * @param meanAbs         mean abs error over output elements
 * @param kernelMs        prefill kernel time, all heads (OpenCL profiling events on OpenCL devices, launch wall time on
 *                        Java threads); for topk plus the wall time of the block-score estimation
 * @param device          device that ran the kernels ("CPU reference" for token rows)
 * @param kernel          prefill code that ran the pattern, e.g. "mma-bf16 (inline PTX mma.sync)"; exact attention,
 *                        the reference, always runs in fp32
 * @param documents       independent sequences measured (1 for gaussian and probe sources)
 * @param layers          layers measured (1 unless the source captures a model's layers); every mean is over all of them
 * @param droppedLateSe   standard error over documents of droppedLate (the per-document means' sample standard deviation
 *                        over sqrt(documents)); NaN with one document
 * @param relL2LateSe     the same for relL2Late
 * @param quantiles       how p50 and p99 were computed: "exact" (every row kept) or the histogram's resolution
 */
public record FidelityResult(String source, String pattern, String kind, String granularity, int length, int heads,
                             int headDim, int blockSize, int numKeyBlocks, int budgetBlocks, double blocksPerRow,
                             double density, double droppedMean, double droppedP50, double droppedP99, double droppedMax,
                             double relL2Mean, double relL2P50, double relL2P99, double relL2Max, double droppedLate, double relL2Late, double maxAbs,
                             double meanAbs, double kernelMs, String device, String kernel, int documents, int layers,
                             double droppedLateSe, double relL2LateSe, String quantiles) implements Serializable {}
