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
 * @param kernel       which prefill code ran on it, e.g. "mma-bf16 (inline PTX mma.sync)" or "tiled (project OpenCL C)"; for a
 *                     model unit, what computed the logits (the forward's own description)
 * @param scorer       "probe" or "model" ({@link WorkUnit#scorer})
 * @param model        model units: the checkpoint's name (config.json's _name_or_path, else its directory); "" for the probe
 * @param modelHash    model units: short SHA-256 of config.json and the safetensors index and headers; "" for the probe
 * @param answerLogprob model units: mean log-probability of the gold answer's tokens (log-softmax over the vocabulary); NaN for the probe
 * @param firstWrong   model units: index of the first answer token whose argmax is not the gold token, -1 if none
 */
public record UnitResult(String unitId, String task, String pattern, int length, double depth, int sample, long seed, String document,
                         int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String precision,
                         boolean rfReachable, double rfCoverage, String answer, String predicted, boolean exactMatch,
                         double score, double kernelMs, double wallMs,
                         long tokens, long pairs, double flops, String device, String kernel, String executorId, String status, String error,
                         String scorer, String model, String modelHash, double answerLogprob, int firstWrong)
        implements Serializable {

    /** A probe unit's result. */
    public UnitResult(String unitId, String task, String pattern, int length, double depth, int sample, long seed, String document,
                      int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String precision,
                      boolean rfReachable, double rfCoverage, String answer, String predicted, boolean exactMatch,
                      double score, double kernelMs, double wallMs,
                      long tokens, long pairs, double flops, String device, String kernel, String executorId, String status, String error) {
        this(unitId, task, pattern, length, depth, sample, seed, document, layers, heads, kvHeads, headDim, blockSize, chunkSize, precision,
                rfReachable, rfCoverage, answer, predicted, exactMatch, score, kernelMs, wallMs, tokens, pairs, flops, device, kernel,
                executorId, status, error, WorkUnit.PROBE, "", "", Double.NaN, -1);
    }

    /** Whether a real model scored this unit (results written before models existed have no scorer: the probe). */
    public boolean isModel() { return WorkUnit.MODEL.equals(scorer); }
}
