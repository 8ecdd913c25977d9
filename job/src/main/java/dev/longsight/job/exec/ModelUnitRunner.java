package dev.longsight.job.exec;

import dev.longsight.job.model.ModelPool;
import dev.longsight.job.model.ModelSource;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.kernels.model.CausalLm;

/**
 * Runs model units on one executor thread: the unit's pattern as a block layout over its input (the
 * same layout in every layer and head), teacher forcing through the shared forward, and the
 * receptive field of the pattern over the model's layers. A unit's own failure becomes
 * {@code status = "failed"} with the reason. Not thread-safe: one per thread; the model it holds is
 * the executor's shared one ({@link ModelPool}).
 */
public final class ModelUnitRunner {

    private final ModelSource source;
    private final ModelShape shape;
    private final ModelPool.Loaded model;
    private final Reach.Cache reaches;

    public ModelUnitRunner(ModelSource source, ModelShape shape, ModelPool.Loaded model) {
        this.source = source;
        this.shape = shape;
        this.reaches = new Reach.Cache(shape.blockSize());
        this.model = model;
    }

    public String deviceName() { return model.forward().device(); }

    public String describe() { return model.forward().lm().describe(); }

    public UnitResult run(WorkUnit u, String executorId) {
        CausalLm lm = model.forward().lm();
        long t0 = System.nanoTime();
        try {
            int inputLen = u.tokens().length - 1;
            Reach reach = reaches.get(u.patternSpec(), inputLen);
            TeacherForcing.Score s = TeacherForcing.score(lm, u.tokens(), u.answerStart(), reach.layout());
            double ms = (System.nanoTime() - t0) / 1e6;
            long pairs = reach.layout().pairs() * source.layers() * source.heads();
            String predicted = model.tokenizer().decode(s.predicted()).strip();
            return result(u, executorId, reach.reachable(u, source.layers()), reach.coverage(u.questionPosition(), source.layers()),
                    predicted, s.correct(), s.share(), ms, inputLen, pairs, "ok", null, s.logprob(), s.firstWrong());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return result(u, executorId, false, Double.NaN, "", false, 0, Double.NaN, u.tokens().length - 1, 0, "failed",
                    "unit " + u.unitId() + ": " + why, Double.NaN, -1);
        }
    }

    /** The result of a model unit that threw on every attempt: identity, model, reason; numbers NaN/0. */
    public static UnitResult failed(WorkUnit u, ModelSource source, ModelShape shape, String device, String kernel, String executorId, String reason) {
        return new ModelUnitRunner(source, shape, null).result(u, executorId, false, Double.NaN, "", false, Double.NaN, Double.NaN,
                u.tokens().length - 1, 0, "failed", reason, Double.NaN, -1, device, kernel);
    }

    private UnitResult result(WorkUnit u, String executorId, boolean reachable, double coverage, String predicted, boolean exact,
                              double score, double ms, long tokens, long pairs, String status, String error, double logprob, int firstWrong) {
        return result(u, executorId, reachable, coverage, predicted, exact, score, ms, tokens, pairs, status, error, logprob, firstWrong,
                deviceName(), describe());
    }

    private UnitResult result(WorkUnit u, String executorId, boolean reachable, double coverage, String predicted, boolean exact,
                              double score, double ms, long tokens, long pairs, String status, String error, double logprob, int firstWrong,
                              String device, String kernel) {
        // The forward's time is its kernel time too: every part of it is the model's arithmetic.
        String precision = model == null ? "" : model.forward().precision();
        return new UnitResult(u.unitId(), u.task(), u.patternSpec(), u.length(), u.depth(), u.sample(), u.seed(), u.docId(),
                source.layers(), source.heads(), source.kvHeads(), source.headDim(), shape.blockSize(), (int) tokens, precision,
                reachable, coverage, u.answer(), predicted, exact, score, ms, ms, tokens, pairs, 4.0 * source.headDim() * pairs,
                device, kernel, executorId, status, error, WorkUnit.MODEL, source.name(), source.hash(), logprob, firstWrong);
    }


}
