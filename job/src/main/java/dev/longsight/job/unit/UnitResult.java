package dev.longsight.job.unit;

import java.io.Serializable;

/**
 * What one unit produced (design section 6): the row of results.parquet. A failed unit keeps its
 * identity fields, {@code status = "failed"} and the reason in {@code error}; its numbers are NaN/0.
 *
 * @param document     the document the unit's haystack starts in (path under the input, :line or #row; "filler" for passkey's sentences)
 * @param rfReachable  whether the question's block is reachable from every needle within {@code layers}
 * @param rfCoverage   receptive-field coverage of the question's block within {@code layers}
 * @param score        share of expected answer parts decoded exactly (1.0 = exact match)
 * @param pairs        attended (query, key) pairs over all layers and heads
 * @param flops        4 x headDim x pairs
 * @param precision    prefill arithmetic: fp32, tf32 or bf16
 * @param device       the device that actually ran the kernels
 * @param kernel       which prefill code ran on it, e.g. "mma-bf16 (inline PTX mma.sync)" or "tiled (project OpenCL C)"
 */
public record UnitResult(String unitId, String task, String pattern, int length, double depth, int sample, long seed, String document,
                         int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String precision,
                         boolean rfReachable, double rfCoverage, String answer, String predicted, boolean exactMatch,
                         double score, double kernelMs, double wallMs,
                         long tokens, long pairs, double flops, String device, String kernel, String executorId, String status, String error)
        implements Serializable {}
