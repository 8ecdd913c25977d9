package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class CheckpointTest {
    @TempDir Path tmp;

    private static LlamaWeights load(Path dir) throws Exception {
        try (Checkpoint c = Checkpoint.open(ModelFiles.local(dir))) {
            return LlamaWeights.load(c);
        }
    }

    @Test
    void shardsReadAsOneFileAndBf16IsFp32Rounded() throws Exception {
        Path single = tmp.resolve("single"), sharded = tmp.resolve("sharded"), bf16 = tmp.resolve("bf16");
        RandomCheckpoint.write(single, RandomCheckpoint.tinyLlama(), Dtype.F32, 1, 3);
        RandomCheckpoint.write(sharded, RandomCheckpoint.tinyLlama(), Dtype.F32, 3, 3);
        RandomCheckpoint.write(bf16, RandomCheckpoint.tinyLlama(), Dtype.BF16, 2, 3);
        assertTrue(Files.exists(sharded.resolve("model-00003-of-00003.safetensors")));
        assertFalse(Files.exists(sharded.resolve("model.safetensors")));
        LlamaWeights a = load(single), b = load(sharded), h = load(bf16);
        assertArrayEquals(a.embed(), b.embed());
        assertArrayEquals(a.lmHead(), b.lmHead());
        assertArrayEquals(a.finalNorm(), b.finalNorm());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.layers()[l].wq(), b.layers()[l].wq());
            assertArrayEquals(a.layers()[l].wDown(), b.layers()[l].wDown());
        }
        float[] rounded = a.layers()[1].wGate().clone();
        for (int i = 0; i < rounded.length; i++) rounded[i] = SafeTensorsWriter.rounded(rounded[i], Dtype.BF16);
        assertArrayEquals(rounded, h.layers()[1].wGate());
        assertFalse(java.util.Arrays.equals(a.layers()[1].wGate(), h.layers()[1].wGate()));
    }

    private static String failure(Executable e) {
        ModelFormatException ex = assertThrows(ModelFormatException.class, e);
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
        return ex.getMessage();
    }

    @Test
    void missingFilesTensorsAndShapesAreOneLineNamingTheFile() throws Exception {
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        assertEquals(dir.resolve("config.json") + ": no such file; expected a Hugging Face checkpoint directory",
                failure(() -> Checkpoint.open(ModelFiles.local(dir))));

        RandomCheckpoint.write(dir, RandomCheckpoint.tinyLlama(), Dtype.BF16, 1, 1);
        Files.delete(dir.resolve("model.safetensors"));
        assertTrue(failure(() -> Checkpoint.open(ModelFiles.local(dir))).startsWith(dir.resolve("model.safetensors") + ": no such file"));

        // A config that asks for a third layer the tensors do not have.
        RandomCheckpoint.write(dir, RandomCheckpoint.tinyLlama(), Dtype.BF16, 1, 1);
        Map<String, Object> three = RandomCheckpoint.tinyLlama();
        three.put("num_hidden_layers", 3);
        Files.writeString(dir.resolve("config.json"), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(three));
        assertEquals(dir.resolve("model.safetensors") + ": no tensor 'model.layers.2.input_layernorm.weight'; expected [64] for this llama config",
                failure(() -> load(dir)));

        // A config whose sizes disagree with the tensors'.
        Map<String, Object> wide = RandomCheckpoint.tinyLlama();
        wide.put("intermediate_size", 128);
        Files.writeString(dir.resolve("config.json"), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(wide));
        assertEquals(dir.resolve("model.safetensors") + ": tensor 'model.layers.0.mlp.gate_proj.weight' has shape [112, 64]; expected [128, 64] from config.json",
                failure(() -> load(dir)));

        // An index naming a shard that is not there.
        Path sharded = tmp.resolve("s");
        RandomCheckpoint.write(sharded, RandomCheckpoint.tinyLlama(), Dtype.BF16, 2, 1);
        Files.delete(sharded.resolve("model-00002-of-00002.safetensors"));
        String shard = failure(() -> Checkpoint.open(ModelFiles.local(sharded)));
        assertTrue(shard.startsWith(sharded.resolve("model.safetensors.index.json") + ": field 'weight_map."), shard);
        assertTrue(shard.contains("\"model-00002-of-00002.safetensors\", which is not a file in"), shard);

        // A config.json that is not one.
        Files.writeString(sharded.resolve("config.json"), "{\"model_type\": \"llama\"");
        assertTrue(failure(() -> Checkpoint.open(ModelFiles.local(sharded))).startsWith(sharded.resolve("config.json") + ": not JSON"));
    }
}
