package dev.longsight.job.model;

import java.io.Serializable;

/**
 * One cell of the sweep, as shipped to an executor: token ids and seeds, never tensors (Q/K/V are
 * recomputed from them on the executor, so the shuffle stays small).
 *
 * @param unitId           stable id: the same config and seed give the same ids (resume key)
 * @param task             passkey, niah-single, niah-multikey, niah-multivalue, niah-multiquery
 * @param patternSpec      pattern spec or preset name as the user wrote it
 * @param tokens           (length) token ids of haystack, needles and question
 * @param needlePositions  (needles) first token position of each needle
 * @param questionPosition position of the token whose readout is scored
 * @param answer           the expected answer (digits; several answers joined by ',')
 */
public record WorkUnit(String unitId, String task, String patternSpec, int length, double depth, int sample, long seed,
                       String docId, int[] tokens, int[] needlePositions, int questionPosition, String answer)
        implements Serializable {}
