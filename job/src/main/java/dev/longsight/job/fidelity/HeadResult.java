package dev.longsight.job.fidelity;

import java.io.Serializable;

/**
 * Fidelity of one pattern at one length in one (layer, head), averaged over documents: where the n^C claims are read
 * head by head (real heads differ: some attend locally, some to a sink, some broadly).
 *
 * @param layer         0-based layer (0 for sources without layers)
 * @param head          0-based query head
 * @param droppedLate   mean dropped mass of the last position bucket, mean over documents
 * @param droppedLateSe its standard error over documents (NaN with one document)
 */
public record HeadResult(String pattern, String granularity, int length, int layer, int head, int documents, double droppedMean,
                         double droppedLate, double droppedLateSe, double relL2Late) implements Serializable {}
