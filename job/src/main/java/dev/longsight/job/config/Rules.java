package dev.longsight.job.config;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.probe.ProbeDims;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Task;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.attention.TilePolicy;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Patterns;
import java.util.List;

/**
 * The rules for a run's sizes and sweep, written once and applied where the user's values enter:
 * {@link RunConfig}, the fidelity command's config and the calibration tool. What they build
 * ({@link SweepSpec}, {@link ModelShape}) is trusted downstream and not checked again. Every
 * refusal is one line naming the value as its {@link Origin} spells it.
 */
public final class Rules {
    private Rules() {}

    /** The sweep: known tasks, positive lengths, depths in [0, 1], a positive sample count, parseable patterns. */
    public static SweepSpec sweep(Origin o, List<String> tasks, List<Integer> lengths, List<Double> depths, int samples,
                                  List<String> patterns, long seed) {
        for (String t : nonEmpty(o, "tasks", tasks, "task names")) {
            try {
                Task.of(t);
            } catch (IllegalArgumentException e) {
                throw o.bad("tasks", "one of " + Task.names(), "'" + t + "'");
            }
        }
        lengths(o, lengths);
        for (double d : nonEmpty(o, "depths", depths, "needle depths")) {
            if (!(d >= 0 && d <= 1)) throw o.bad("depths", "needle depths in [0, 1]", d);
        }
        positive(o, "samples", samples);
        for (String p : nonEmpty(o, "patterns", patterns, "pattern specs or presets")) {
            try {
                Patterns.parse(p);
            } catch (IllegalArgumentException e) {
                throw o.wrap("patterns", e);
            }
        }
        return new SweepSpec(tasks, lengths, depths, samples, patterns, seed);
    }

    /**
     * The probe network's and kernels' sizes, with the device they run on. The probe lays its
     * features into each head, so the head dim has the probe's minimum as well as the kernels' maximum.
     */
    public static ModelShape shape(Origin o, int layers, int heads, int kvHeads, int headDim, int block, int chunk, String device,
                                   Precision precision) {
        positive(o, "layers", layers);
        heads(o, heads, kvHeads);
        headDim(o, headDim);
        probeHeadDim(o, headDim);
        blocks(o, block, chunk, precision);
        device(o, device);
        return new ModelShape(layers, heads, kvHeads, headDim, block, chunk, device, precision);
    }

    /** Positive query and KV heads, the KV heads dividing the query heads (grouped-query attention). */
    public static void heads(Origin o, int heads, int kvHeads) {
        positive(o, "heads", heads);
        positive(o, "kv-heads", kvHeads);
        if (heads % kvHeads != 0) throw o.bad("kv-heads", "a divisor of " + o.ref("heads") + " (" + heads + ")", kvHeads);
    }

    public static void headDim(Origin o, int headDim) {
        if (headDim <= 0 || headDim > AttentionShape.MAX_HEAD_DIM) {
            throw o.bad("head-dim", "1.." + AttentionShape.MAX_HEAD_DIM
                    + " (the kernels' private arrays are sized for 128; 64 and 128 are the tuned sizes)", headDim);
        }
    }

    /** The retrieval probe needs a flag and one payload slot per head ({@link ProbeDims}). */
    public static void probeHeadDim(Origin o, int headDim) {
        if (headDim < ProbeDims.MIN_HEAD_DIM) {
            throw o.bad("head-dim", "at least " + ProbeDims.MIN_HEAD_DIM + " for the retrieval probe (a flag and one payload slot of "
                    + ProbeDims.SLOT_WIDTH + ")", headDim);
        }
    }

    /**
     * A positive block, a chunk that is a multiple of it (chunks are whole blocks of queries), and a
     * block the precision's kernel accepts: the tensor-core kernel's query tiles are 64 rows and a
     * tile never spans two query blocks, so refusing here saves a failure at the first launch.
     */
    public static void blocks(Origin o, int block, int chunk, Precision precision) {
        positive(o, "block", block);
        positive(o, "chunk", chunk);
        if (chunk % block != 0) throw o.bad("chunk", "a multiple of " + o.ref("block") + " (" + block + ")", chunk);
        int multiple = TilePolicy.blockMultiple(precision);
        if (block % multiple != 0) {
            throw o.bad("block", "a multiple of " + multiple + " with " + o.ref("precision") + " " + precision.id()
                    + " (the tensor-core kernel's query tile)", block);
        }
    }

    public static DeviceSpec device(Origin o, String device) {
        try {
            return DeviceSpec.parse(device);
        } catch (IllegalArgumentException e) {
            throw o.wrap("device", e);
        }
    }

    /** At least one length, each positive. */
    public static List<Integer> lengths(Origin o, List<Integer> lengths) {
        for (int n : nonEmpty(o, "lengths", lengths, "context lengths")) if (n <= 0) throw o.bad("lengths", "positive token counts", n);
        return lengths;
    }

    /** Each length's Q/K/V must fit one Java array (the kernels' buffers), for these heads and head dim. */
    public static void lengthsFit(Origin o, List<Integer> lengths, int heads, int kvHeads, int headDim) {
        for (int n : lengths) {
            try {
                new AttentionShape(heads, kvHeads, n, headDim);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(o.name("lengths") + ": length " + n + " is not representable: " + e.getMessage(), e);
            }
        }
    }

    /** --model's companions: --chat-template and --with-probe mean nothing without a model; a model URI is not blank. */
    public static void modelOptions(Origin o, String model, boolean chatTemplate, boolean withProbe) {
        if (model == null) {
            if (chatTemplate) throw o.bad("chat-template", "--model with it (the template is the checkpoint's)", "no --model");
            if (withProbe) throw o.bad("with-probe", "--model with it (without a model the probe scores every unit)", "no --model");
            return;
        }
        text(o, "model", model);
    }

    /**
     * The checkpoint behind --model, opened and checked once on the driver before anything runs:
     * config.json (architecture, fields), the weights index or header, tokenizer.json and, with
     * --chat-template, a chat template LongSight recognises and, with {@code deviceForward} (an explicit
     * OpenCL device), the shapes the device forward needs. Each problem is one line naming the file and
     * field, prefixed with the option.
     */
    public static dev.longsight.job.model.ModelSource checkpoint(Origin o, String model, boolean chatTemplate, boolean deviceForward,
                                                                 org.apache.hadoop.conf.Configuration hadoop) {
        try {
            dev.longsight.job.model.ModelSource s = dev.longsight.job.model.ModelSource.inspect(model, hadoop, deviceForward);
            if (chatTemplate) dev.longsight.job.model.ChatTemplate.of(dev.longsight.job.model.HadoopModelFiles.of(model, hadoop));
            return s;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(o.name("model") + ": cannot read " + Redaction.uris(model) + " (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw o.wrap("model", e);
        }
    }

    public static void positive(Origin o, String key, int v) {
        if (v <= 0) throw o.bad(key, "a positive integer", v);
    }

    public static void text(Origin o, String key, String s) {
        if (s == null || s.isBlank()) throw o.bad(key, "a non-empty value", "'" + s + "'");
    }

    private static <T> List<T> nonEmpty(Origin o, String key, List<T> xs, String what) {
        if (xs == null || xs.isEmpty()) throw o.bad(key, "a non-empty list of " + what, "nothing");
        for (T x : xs) if (x == null) throw o.bad(key, what + " without empty items", xs);
        return xs;
    }
}
