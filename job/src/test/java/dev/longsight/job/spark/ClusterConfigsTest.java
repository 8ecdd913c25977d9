package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster-configs/: what each setup must and must not set, and the GPU discovery script's output. */
class ClusterConfigsTest {
    static final Path CONFIGS = Path.of("..", "cluster-configs");
    @TempDir Path dir;

    static Properties load(String setup) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CONFIGS.resolve(setup).resolve("spark-defaults.conf"))) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everySetupUsesKryoWithOurRegistratorAndRegistrationRequired() throws Exception {
        for (String setup : List.of("local", "standalone", "yarn", "kubernetes")) {
            Properties p = load(setup);
            assertEquals("org.apache.spark.serializer.KryoSerializer", p.getProperty("spark.serializer"), setup);
            assertEquals(LongSightKryoRegistrator.class.getName(), p.getProperty("spark.kryo.registrator"), setup);
            assertEquals("true", p.getProperty("spark.kryo.registrationRequired"), setup);
            assertTrue(Files.isExecutable(CONFIGS.resolve(setup).resolve("submit.sh")), setup);
            assertTrue(Files.exists(CONFIGS.resolve(setup).resolve("README.md")), setup);
        }
    }

    @Test
    void gpuSchedulingOnlyOutsideLocalMode() throws IOException {
        assertFalse(load("local").stringPropertyNames().stream().anyMatch(k -> k.contains("resource.gpu")),
                "Spark hangs with GPU scheduling in local mode");
        assertTrue(load("local").getProperty("spark.master").startsWith("local"));
        for (String setup : List.of("standalone", "yarn", "kubernetes")) {
            Properties p = load(setup);
            assertEquals("1", p.getProperty("spark.executor.resource.gpu.amount"), setup);
            assertEquals("1", p.getProperty("spark.task.resource.gpu.amount"), setup);
            assertTrue(p.getProperty("spark.executor.resource.gpu.discoveryScript").endsWith("getGpusResources.sh"), setup);
        }
    }

    private String discover(Map<String, String> env, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", CONFIGS.resolve("common/getGpusResources.sh").toString());
        pb.environment().remove("LONGSIGHT_GPU_ADDRESSES");
        pb.environment().put("PATH", path);
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private Path fakeTool(String name, String output) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-" + name));
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/bash\nprintf '" + output + "'\n");
        tool.toFile().setExecutable(true);
        return bin;
    }

    @Test
    void discoveryScriptReportsNvidiaGpusThenOpenClGpusThenNone() throws Exception {
        String base = "/usr/bin:/bin";
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}", discover(Map.of(), fakeTool("nvidia-smi", "0\\n1\\n") + ":" + base));
        String clinfo = "  CL_DEVICE_TYPE                                  CL_DEVICE_TYPE_GPU\\n"
                + "  CL_DEVICE_TYPE                                  CL_DEVICE_TYPE_CPU\\n"
                + "  CL_DEVICE_TYPE                                  CL_DEVICE_TYPE_GPU\\n";
        // Neither nvidia-smi nor the host's own clinfo on the PATH: only the tools the script needs.
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String t : List.of("grep", "tr")) {
            Path real = Files.exists(Path.of("/usr/bin", t)) ? Path.of("/usr/bin", t) : Path.of("/bin", t);
            Files.createSymbolicLink(tools.resolve(t), real.toRealPath());
        }
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}", discover(Map.of(), fakeTool("clinfo", clinfo) + ":" + tools));
        assertEquals("{\"name\":\"gpu\",\"addresses\":[]}", discover(Map.of(), tools.toString()));
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"3\"]}", discover(Map.of("LONGSIGHT_GPU_ADDRESSES", "3"), base));
    }
}
