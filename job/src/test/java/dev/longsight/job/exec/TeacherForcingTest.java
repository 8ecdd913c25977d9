package dev.longsight.job.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.model.TinyModel;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.LlamaWeights;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ReferenceLlama;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherForcingTest {
    @TempDir static Path tmp;
    static ReferenceLlama lm;
    static final int[] PROMPT = {1, 5, 9, 14, 3, 27, 8, 8, 40, 2, 11, 19}; // (12) BOS then words

    @BeforeAll
    static void model() throws Exception {
        try (Checkpoint c = Checkpoint.open(ModelFiles.local(TinyModel.write(tmp.resolve("tiny"), 512)))) {
            lm = new ReferenceLlama(LlamaWeights.load(c));
        }
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
        return best;
    }

    /** The model's own greedy continuation of PROMPT, {@code n} tokens, with the log-probability of each. */
    private static int[] greedy(int n, double[] logprobs) {
        int[] seq = PROMPT.clone();
        for (int i = 0; i < n; i++) {
            double[] row = lm.exactLogits(seq, new int[] {seq.length - 1}, null)[0];
            int next = argmax(row);
            double max = row[next], z = 0;
            for (double x : row) z += Math.exp(x - max);
            logprobs[i] = -Math.log(z); // row[next] - max - log z
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = next;
        }
        return seq;
    }

    @Test
    void theModelsOwnGreedyContinuationIsCorrectWithItsLogProbability() {
        double[] lp = new double[3];
        int[] tokens = greedy(3, lp);
        TeacherForcing.Score s = TeacherForcing.score(lm, tokens, PROMPT.length, null);
        assertTrue(s.correct());
        assertEquals(-1, s.firstWrong());
        assertEquals(1.0, s.share());
        assertEquals(tokens.length - 1, s.inputTokens());
        assertArrayEquals(Arrays.copyOfRange(tokens, PROMPT.length, tokens.length), s.predicted());
        assertEquals((lp[0] + lp[1] + lp[2]) / 3, s.logprob(), 1e-5); // float logits, double log-softmax
        assertTrue(s.logprob() < 0);
    }

    @Test
    void aWrongTokenIsNamedByItsIndexAndLowersTheLogProbability() {
        double[] lp = new double[3];
        int[] tokens = greedy(3, lp);
        int[] wrong = tokens.clone();
        wrong[PROMPT.length + 1] = (tokens[PROMPT.length + 1] + 1) % lm.config().vocabSize(); // the second answer token
        TeacherForcing.Score s = TeacherForcing.score(lm, wrong, PROMPT.length, null);
        assertFalse(s.correct());
        assertEquals(1, s.firstWrong());
        assertEquals(tokens[PROMPT.length + 1], s.predicted()[1]); // the model still predicts its own token there
        TeacherForcing.Score right = TeacherForcing.score(lm, tokens, PROMPT.length, null);
        assertTrue(s.logprob() < right.logprob());
        // Only the answer's positions are asked for: the score of a one-token answer is that of the last prompt position.
        TeacherForcing.Score one = TeacherForcing.score(lm, Arrays.copyOf(tokens, PROMPT.length + 1), PROMPT.length, null);
        assertEquals(lp[0], one.logprob(), 1e-5);
    }
}
