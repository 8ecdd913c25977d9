package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.Redaction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster-configs/: what each setup must and must not set, its submit script, and the GPU discovery script's output. */
class ClusterConfigsTest {
    static final Path CONFIGS = Path.of("..", "cluster-configs");
    static final List<String> SETUPS = List.of("local", "standalone", "yarn", "kubernetes");
    static final List<String> CLUSTERS = List.of("standalone", "yarn", "kubernetes");
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

    @Test
    void everyFileParsesAsSparkPropertiesAndNamesNoJdkPath() throws IOException {
        for (String setup : SETUPS) {
            Path conf = CONFIGS.resolve(setup).resolve("spark-defaults.conf");
            Set<String> keys = new HashSet<>();
            for (String line : Files.readAllLines(conf)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] kv = t.split("\\s+", 2);
                assertTrue(kv[0].startsWith("spark.") && kv.length == 2 && !kv[1].isBlank(), setup + ": not 'spark.key value': " + line);
                assertTrue(keys.add(kv[0]), setup + ": " + kv[0] + " set twice");
            }
        }
        // Where each node keeps its JDK differs (Debian's /usr/lib/jvm, the Temurin images' /opt/java): no setting or script may
        // assume one. An image build is the one place that knows its own Java, so it is not checked here.
        List<Path> checked = new ArrayList<>();
        for (String d : Stream.concat(SETUPS.stream(), Stream.of("common", "gpu-host")).toList()) {
            try (Stream<Path> files = Files.list(CONFIGS.resolve(d))) {
                files.filter(Files::isRegularFile).forEach(checked::add);
            }
        }
        assertTrue(checked.size() >= 15, checked.toString());
        for (Path f : checked) {
            String text = Files.readString(f);
            for (String jdk : List.of("/usr/lib/jvm", "/opt/java")) assertFalse(text.contains(jdk), f + " names " + jdk);
        }
    }

    @Test
    void libjsigComesFromEachExecutorsOwnJava() throws IOException {
        // YARN's NodeManager expands {{JAVA_HOME}} in container environments to the container's own Java.
        assertEquals("{{JAVA_HOME}}/lib/libjsig.so", load("yarn").getProperty("spark.executorEnv.LD_PRELOAD"));
        // Standalone workers and Kubernetes images set it themselves; a path here would be some other machine's.
        for (String setup : List.of("local", "standalone", "kubernetes")) assertFalse(load(setup).containsKey("spark.executorEnv.LD_PRELOAD"), setup);
        String workerLine = "export LD_PRELOAD=\"$JAVA_HOME/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}\"";
        assertTrue(Files.readString(CONFIGS.resolve("standalone/README.md")).contains(workerLine));
        assertTrue(Files.readString(CONFIGS.resolve("kubernetes/README.md")).contains("LD_PRELOAD"));
    }

    @Test
    void clusterSetupsAuthenticateAndEncryptWithNoSecretInTheFile() throws IOException {
        for (String setup : CLUSTERS) {
            Properties p = load(setup);
            for (String on : List.of("spark.authenticate", "spark.network.crypto.enabled", "spark.io.encryption.enabled")) {
                assertEquals("true", p.getProperty(on), setup + " " + on);
            }
            assertEquals("false", p.getProperty("spark.ui.killEnabled"), setup);
            assertFalse(p.containsKey("spark.authenticate.secret"), setup + " holds a secret");
            for (String k : p.stringPropertyNames()) {
                if (Redaction.isSecretName(k)) {
                    assertTrue(p.getProperty(k).startsWith("/"), setup + ": " + k + " must name a file, not hold a value");
                }
            }
        }
        // Kubernetes: the secret file lies in the Kubernetes secret mounted into driver and executor pods.
        Properties k = load("kubernetes");
        String mount = k.getProperty("spark.kubernetes.executor.secrets.longsight-auth");
        assertEquals(mount, k.getProperty("spark.kubernetes.driver.secrets.longsight-auth"));
        assertEquals(mount + "/secret", k.getProperty("spark.authenticate.secret.file"));
        assertEquals("true", load("standalone").getProperty("spark.ui.reverseProxy"));
        // YARN generates the secret per application: a file setting there would make Spark refuse to start.
        assertFalse(load("yarn").stringPropertyNames().stream().anyMatch(n -> n.startsWith("spark.authenticate.secret")));
        // Local mode is one JVM with the UI off: nothing to authenticate.
        Properties local = load("local");
        assertFalse(local.stringPropertyNames().stream().anyMatch(n -> n.startsWith("spark.authenticate") || n.contains("crypto")));
        assertEquals("false", local.getProperty("spark.ui.enabled"));
        String readme = Files.readString(CONFIGS.resolve("README.md"));
        assertTrue(readme.contains("## Security"), "cluster-configs/README.md has a Security section");
        assertTrue(readme.contains("openssl rand -base64 32"), "and the command that makes a secret");
    }

    /** A fake Spark whose spark-submit records its arguments, its properties file (text and mode) and LD_PRELOAD. */
    private Path fakeSpark() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("spark/bin"));
        Path submit = bin.resolve("spark-submit");
        Files.writeString(submit, "#!/bin/bash\nout=" + dir + "/submitted; mkdir -p $out\n"
                + "printf '%s\\n' \"$@\" > $out/args\necho \"$LD_PRELOAD\" > $out/preload\n"
                + "while [[ $# -gt 0 ]]; do if [[ $1 == --properties-file ]]; then cp \"$2\" $out/props; stat -c %a \"$2\" > $out/mode; "
                + "echo \"$2\" > $out/path; fi; shift; done\n");
        submit.toFile().setExecutable(true);
        return dir.resolve("spark");
    }

    private Process submit(String setup, Map<String, String> env) throws IOException {
        Path javaHome = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        Files.createDirectories(javaHome.resolve("lib"));
        Files.writeString(javaHome.resolve("lib/libjsig.so"), "");
        Path jar = Files.writeString(dir.resolve("app.jar"), "");
        ProcessBuilder pb = new ProcessBuilder("bash", CONFIGS.resolve(setup).resolve("submit.sh").toString(), "--lengths", "4K");
        pb.environment().remove("LONGSIGHT_AUTH_SECRET_FILE");
        pb.environment().remove("LD_PRELOAD");
        pb.environment().putAll(Map.of("SPARK_HOME", fakeSpark().toString(), "JAVA_HOME", javaHome.toString(), "LONGSIGHT_JAR", jar.toString(),
                "HOME", dir.toString()));
        pb.environment().putAll(env);
        return pb.redirectErrorStream(true).start();
    }

    private String finish(Process p, int expected) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expected, p.waitFor(), out);
        return out;
    }

    @Test
    void standaloneSubmitPassesTheSecretInAPrivateFileNeverOnTheCommandLine() throws Exception {
        Path secretFile = dir.resolve("spark-auth-secret");
        String secret = "c2VjcmV0LWZvci1hLXRlc3Qtb25seQ==";
        Files.writeString(secretFile, secret + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        finish(submit("standalone", Map.of("LONGSIGHT_AUTH_SECRET_FILE", secretFile.toString())), 0);
        Path got = dir.resolve("submitted");
        String args = Files.readString(got.resolve("args"));
        assertFalse(args.contains(secret), args);
        assertTrue(args.endsWith("dev.longsight.job.cli.LongSight\n" + dir.resolve("app.jar") + "\nrun\n--lengths\n4K\n"), args);
        String props = Files.readString(got.resolve("props"));
        assertTrue(props.startsWith(Files.readString(CONFIGS.resolve("standalone/spark-defaults.conf"))), props);
        assertTrue(props.endsWith("\nspark.authenticate.secret " + secret + "\n"), props);
        assertEquals("600", Files.readString(got.resolve("mode")).strip());
        assertFalse(Files.exists(Path.of(Files.readString(got.resolve("path")).strip())), "the merged file is removed after the run");
        assertEquals(dir.resolve("jdk/lib/libjsig.so").toString(), Files.readString(got.resolve("preload")).strip());

        // A secret others can read is refused, and so is a missing one, with the command that makes it.
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));
        String out = finish(submit("standalone", Map.of("LONGSIGHT_AUTH_SECRET_FILE", secretFile.toString())), 2);
        assertEquals("submit: " + secretFile + " is readable by others; run: chmod 600 " + secretFile + "\n", out);
        out = finish(submit("standalone", Map.of()), 2);
        Path fallback = dir.resolve(".config/longsight/spark-auth-secret");
        assertTrue(out.startsWith("submit: no Spark authentication secret in " + fallback + "; create it with: (umask 077; "), out);
        assertTrue(out.contains("openssl rand -base64 32 > " + fallback + ")"), out);
    }

    @Test
    void yarnSubmitUsesItsDefaultsAsTheyAre() throws Exception {
        finish(submit("yarn", Map.of()), 0);
        String args = Files.readString(dir.resolve("submitted/args"));
        assertTrue(args.startsWith("--properties-file\n" + CONFIGS.toAbsolutePath().normalize().resolve("yarn")), args);
    }

    @Test
    void bareHostClusterSharesAFreshSecretThroughPrivateFilesOnly() throws Exception {
        // A stage directory whose java records each start: command line, LD_PRELOAD, and the properties file it was given.
        Path stage = dir.resolve("stage"), log = dir.resolve("log"), seen = Files.createDirectories(dir.resolve("seen"));
        Files.createDirectories(stage.resolve("jre/bin"));
        Files.createDirectories(stage.resolve("jre/lib"));
        Files.createDirectories(stage.resolve("app"));
        Files.createSymbolicLink(stage.resolve("app/cluster-configs"), CONFIGS.toAbsolutePath().normalize());
        Path java = stage.resolve("jre/bin/java");
        Files.writeString(java, "#!/bin/bash\nn=$(ls " + seen + " | wc -l); out=" + seen + "/$n; mkdir -p $out\n"
                + "printf '%s\\n' \"$@\" > $out/args; echo \"$LD_PRELOAD\" > $out/preload\n"
                + "a=(\"$@\"); for i in \"${!a[@]}\"; do [[ ${a[$i]} == --properties-file ]] && cp \"${a[$((i+1))]}\" $out/props "
                + "&& stat -c %a \"${a[$((i+1))]}\" > $out/mode; done\n"
                + "case \"$*\" in *master.Master*) echo 'I have been elected leader'; exec sleep 30;; "
                + "*worker.Worker*) echo 'Successfully registered with master'; exec sleep 30;; esac\n");
        java.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("bash", CONFIGS.resolve("gpu-host/standalone-gpu.sh").toString(), stage.toString(), "--lengths", "4K");
        pb.environment().putAll(Map.of("LONGSIGHT_GPU_ADDRESSES", "0", "LOG_DIR", log.toString()));
        finish(pb.redirectErrorStream(true).start(), 0);

        List<Path> starts;
        try (Stream<Path> s = Files.list(seen)) {
            starts = s.sorted(Comparator.comparingInt(x -> Integer.parseInt(x.getFileName().toString()))).toList();
        }
        assertEquals(3, starts.size(), "master, worker, application");
        String daemons = Files.readString(starts.get(0).resolve("props"));
        assertEquals(daemons, Files.readString(starts.get(1).resolve("props")), "master and worker share one secret");
        Matcher m = Pattern.compile("spark\\.authenticate\\.secret ([0-9a-f]{64})\n").matcher(daemons);
        assertTrue(m.find(), daemons);
        String secret = m.group(1);
        for (String on : List.of("spark.authenticate true", "spark.network.crypto.enabled true", "spark.master.rest.enabled false")) {
            assertTrue(daemons.contains(on + "\n"), daemons);
        }
        String app = Files.readString(starts.get(2).resolve("props"));
        assertTrue(app.startsWith(Files.readString(CONFIGS.resolve("standalone/spark-defaults.conf"))) && app.endsWith(daemons), app);
        for (Path start : starts) {
            assertEquals("600", Files.readString(start.resolve("mode")).strip());
            assertFalse(Files.readString(start.resolve("args")).contains(secret), "the secret on a command line: " + start);
        }
        assertTrue(Files.readString(starts.get(2).resolve("args")).contains("spark.executorEnv.LD_PRELOAD=" + stage + "/jre/lib/libjsig.so"));
        assertEquals(stage + "/jre/lib/libjsig.so", Files.readString(starts.get(2).resolve("preload")).strip());
        assertFalse(Files.exists(log.resolve("secrets")), "the secrets are deleted at the end");
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
