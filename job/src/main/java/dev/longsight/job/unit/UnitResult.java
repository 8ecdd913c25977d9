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
 * @param kernelMs     the prefill kernels' time over all layers: device time from OpenCL events where they exist, else the
 *                     wall time around each launch
 * @param wallMs       the prefills' wall time over all layers: kernels, transfers and launch overhead
 * @param unitWallMs   the unit's whole wall time on the executor, from taking it to its result; the five parts below add up to it
 * @param hostBuildMs  probe units: the host building the probe (inputs read from the tokens, residual stream, Q/K/V of every layer)
 * @param transferMs   probe units: putting Q/K/V and the layout on the device and getting O and LSE back, over all layers
 * @param readoutMs    probe units: the host's work on attention's outputs (each layer's update, decoding and scoring the answer)
 * @param otherMs      the rest of {@code unitWallMs}: layout and receptive field (cached per pattern and length), launch
 *                     overhead beyond {@code kernelMs}, the result record
 * @param startEpochMs when the unit started on its executor (milliseconds since the epoch, the executor's clock), 0 if unknown
 *
 * <p>Timings not measured (failed units, model units' probe parts, results written before they existed) are NaN.
 */
public record UnitResult(String unitId, String task, String pattern, int length, double depth, int sample, long seed, String document,
                         int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String precision,
                         boolean rfReachable, double rfCoverage, String answer, String predicted, boolean exactMatch,
                         double score, double kernelMs, double wallMs,
                         long tokens, long pairs, double flops, String device, String kernel, String executorId, String status, String error,
                         String scorer, String model, String modelHash, double answerLogprob, int firstWrong,
                         double unitWallMs, double hostBuildMs, double transferMs, double readoutMs, double otherMs, long startEpochMs)
        implements Serializable {

    /** A result without the wall-time split (filled in by {@link #withTiming}). */
    public UnitResult(String unitId, String task, String pattern, int length, double depth, int sample, long seed, String document,
                      int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String precision,
                      boolean rfReachable, double rfCoverage, String answer, String predicted, boolean exactMatch,
                      double score, double kernelMs, double wallMs,
                      long tokens, long pairs, double flops, String device, String kernel, String executorId, String status, String error,
                      String scorer, String model, String modelHash, double answerLogprob, int firstWrong) {
        this(unitId, task, pattern, length, depth, sample, seed, document, layers, heads, kvHeads, headDim, blockSize, chunkSize, precision,
                rfReachable, rfCoverage, answer, predicted, exactMatch, score, kernelMs, wallMs, tokens, pairs, flops, device, kernel,
                executorId, status, error, scorer, model, modelHash, answerLogprob, firstWrong,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0L);
    }

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

    /** The same result with its wall time split (probe parts NaN where not measured) and start time. */
    public UnitResult withTiming(double unitWall, double hostBuild, double transfer, double readout, double other, long startEpoch) {
        return new UnitResult(unitId, task, pattern, length, depth, sample, seed, document, layers, heads, kvHeads, headDim, blockSize,
                chunkSize, precision, rfReachable, rfCoverage, answer, predicted, exactMatch, score, kernelMs, wallMs, tokens, pairs, flops,
                device, kernel, executorId, status, error, scorer, model, modelHash, answerLogprob, firstWrong,
                unitWall, hostBuild, transfer, readout, other, startEpoch);
    }

    /** Whether a real model scored this unit (results written before models existed have no scorer: the probe). */
    public boolean isModel() { return WorkUnit.MODEL.equals(scorer); }
}
