package dev.longsight.job.unit;

import java.io.Serializable;

/**
 * One cell of the sweep, as shipped to an executor: token ids and seeds, never tensors (Q/K/V are
 * recomputed from them on the executor, so the shuffle stays small). Arrays are shared between the
 * units of one cell (one per pattern) and must not be modified.
 *
 * @param unitId           stable id: the same config and seed give the same ids (resume key)
 * @param task             passkey, niah-single, niah-multikey, niah-multivalue, niah-multiquery
 * @param patternSpec      pattern spec or preset name as the user wrote it
 * @param depth            requested depth of the first (answer) needle, 0 = start of the context, 1 = its end
 * @param seed             the cell's seed (the same for every pattern of the cell)
 * @param docId            the document the haystack starts in ("filler" for passkey)
 * @param tokens           (length) token ids of haystack, needles and question
 * @param needlePositions  (needles) first token position of each needle; answer needles first
 * @param questionPosition position of the last readout token (the end of the question)
 * @param answer           the expected answer (digits; several answers joined by ',')
 * @param needleLengths    (needles) tokens of each needle, aligned with needlePositions
 * @param readoutPositions (answer parts) position of the token whose output answers each part
 * @param scorer           "probe" (the retrieval probe reads {@code tokens}) or "model" (a real model, teacher-forced)
 * @param answerStart      model units: index in {@code tokens} of the gold answer's first token (the prompt is
 *                         {@code tokens[0, answerStart)}, in the model's own tokens); -1 for probe units
 */
public record WorkUnit(String unitId, String task, String patternSpec, int length, double depth, int sample, long seed,
                       String docId, int[] tokens, int[] needlePositions, int questionPosition, String answer,
                       int[] needleLengths, int[] readoutPositions, String scorer, int answerStart)
        implements Serializable {

    public static final String PROBE = "probe";
    public static final String MODEL = "model";

    /** A probe unit. */
    public WorkUnit(String unitId, String task, String patternSpec, int length, double depth, int sample, long seed,
                    String docId, int[] tokens, int[] needlePositions, int questionPosition, String answer,
                    int[] needleLengths, int[] readoutPositions) {
        this(unitId, task, patternSpec, length, depth, sample, seed, docId, tokens, needlePositions, questionPosition, answer,
                needleLengths, readoutPositions, PROBE, -1);
    }

    public boolean isModel() { return MODEL.equals(scorer); }
}
