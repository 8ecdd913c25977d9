package dev.longsight.job.exec;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.model.CausalLm;

/**
 * Scores a gold answer by teacher forcing: the model reads the prompt and the answer's tokens but
 * the last, and the logits at position p predict token p + 1. The answer is correct iff the argmax at
 * every answer position is the gold token, which is exactly what greedy decoding would produce. Only
 * the answer's positions are asked of the forward.
 */
public final class TeacherForcing {
    private TeacherForcing() {}

    /**
     * @param predicted  (answer tokens) the argmax at each answer position (lowest id among equal logits)
     * @param logprob    mean over the answer's tokens of log-softmax(logits)[gold], in double over the vocabulary
     * @param firstWrong index within the answer of the first token whose argmax is not gold, -1 if none
     */
    public record Score(boolean correct, int[] predicted, double logprob, int firstWrong, int inputTokens, double share) {}

    /** {@code tokens} = prompt then gold answer; the answer starts at {@code answerStart}; layout null for full attention. */
    public static Score score(CausalLm lm, int[] tokens, int answerStart, BlockLayout layout) {
        int answer = tokens.length - answerStart;
        if (answerStart < 1 || answer < 1) {
            throw new IllegalArgumentException("teacher forcing needs a prompt and an answer, got answer start " + answerStart + " of " + tokens.length + " tokens");
        }
        int[] input = java.util.Arrays.copyOf(tokens, tokens.length - 1); // (prompt + answer - 1): the last answer token is only a target
        if (layout != null && layout.seqLen() != input.length) {
            throw new IllegalArgumentException("layout covers " + layout.seqLen() + " tokens; the input has " + input.length);
        }
        int[] positions = new int[answer]; // (answer) logits at answerStart - 1 + i predict answer token i
        for (int i = 0; i < answer; i++) positions[i] = answerStart - 1 + i;
        float[][] logits = lm.logits(input, positions, layout); // (answer, vocab)
        int[] predicted = new int[answer];
        double sum = 0;
        int firstWrong = -1, right = 0;
        for (int i = 0; i < answer; i++) {
            float[] row = logits[i];
            int gold = tokens[answerStart + i];
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < row.length; v++) {
                if (row[v] > max) {
                    max = row[v];
                    best = v;
                }
            }
            double z = 0;
            for (float x : row) z += Math.exp(x - max);
            sum += row[gold] - max - Math.log(z);
            predicted[i] = best;
            if (best == gold) right++;
            else if (firstWrong < 0) firstWrong = i;
        }
        return new Score(firstWrong < 0, predicted, sum / answer, firstWrong, input.length, (double) right / answer);
    }
}
