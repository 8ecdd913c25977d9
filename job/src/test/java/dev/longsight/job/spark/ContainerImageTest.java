package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * cluster-configs/docker/Dockerfile, checked without a Docker engine: it copies files this repository has or
 * builds, to the paths the Kubernetes setup names; its base image is the Spark, Scala and Java the build
 * uses; LD_PRELOAD comes from the image's own JAVA_HOME.
 */
class ContainerImageTest {
    private static final Path ROOT = Path.of("..");
    private static final Path DOCKER = ROOT.resolve("cluster-configs/docker");

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && cur.isEmpty())) continue;
            boolean more = t.endsWith("\\");
            cur.append(more ? t.substring(0, t.length() - 1) : t).append(' ');
            if (!more) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        return out;
    }

    private static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), name);
        return m.group(1);
    }

    /** COPY source -> destination. */
    private static Map<String, String> copies() throws IOException {
        Map<String, String> copies = new TreeMap<>();
        for (String i : instructions()) {
            if (!i.startsWith("COPY ")) continue;
            List<String> words = new ArrayList<>(List.of(i.substring(5).trim().split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            assertEquals(2, words.size(), i);
            copies.put(words.get(0), words.get(1));
        }
        return copies;
    }

    @Test
    void copiesTheDiscoveryScriptAndTheAppJarThisBuildMakesToThePathsTheKubernetesSetupUses() throws IOException {
        Map<String, String> copies = copies();
        String jar = "job/target/longsight-job-" + pomProperty("version") + "-app.jar"; // finalName + the shade classifier
        assertEquals(Map.of("cluster-configs/common/getGpusResources.sh", "/opt/longsight/getGpusResources.sh",
                jar, "/opt/longsight/longsight-job-" + pomProperty("version") + "-app.jar"), copies);
        assertTrue(Files.isExecutable(ROOT.resolve("cluster-configs/common/getGpusResources.sh")));
        assertTrue(Files.readString(ROOT.resolve("job/pom.xml")).contains("<shadedClassifierName>app</shadedClassifierName>"));
        // the setup that runs the image names the same paths
        String k8s = Files.readString(ROOT.resolve("cluster-configs/kubernetes/spark-defaults.conf"))
                + Files.readString(ROOT.resolve("cluster-configs/kubernetes/submit.sh"));
        for (String dest : copies.values()) assertTrue(k8s.contains(dest), dest);
        // the build context is the repository root; the ignore file lets exactly the copied files in
        List<String> ignore = Files.readAllLines(DOCKER.resolve("Dockerfile.dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals("*", ignore.get(0), "everything is left out first");
        assertEquals(new TreeSet<>(copies.keySet()), new TreeSet<>(ignore.subList(1, ignore.size()).stream().map(l -> l.substring(1)).toList()));
        assertTrue(ignore.subList(1, ignore.size()).stream().allMatch(l -> l.startsWith("!")), ignore.toString());
    }

    @Test
    void baseIsSparksOfficialImageForTheBuildsSparkScalaAndJava() throws IOException {
        String image = "apache/spark:" + pomProperty("spark.version") + "-scala" + pomProperty("scala.binary.version")
                + "-java" + pomProperty("maven.compiler.release") + "-ubuntu";
        List<String> ins = instructions();
        assertEquals("ARG SPARK_IMAGE=" + image, ins.get(0));
        assertEquals("FROM ${SPARK_IMAGE}", ins.get(1));
        assertEquals("USER spark", ins.get(ins.size() - 1), "runs as Spark's unprivileged user, as the base image does");
    }

    @Test
    void openClLoaderNvidiaIcdAndLibjsigFromTheImagesOwnJava() throws IOException {
        List<String> ins = instructions();
        String all = String.join("\n", ins);
        assertTrue(all.contains("apt-get install -y --no-install-recommends ocl-icd-libopencl1"), all);
        assertTrue(all.contains("echo \"libnvidia-opencl.so.1\" > /etc/OpenCL/vendors/nvidia.icd"), all);
        assertTrue(ins.stream().anyMatch(i -> i.startsWith("ENV ") && i.contains("NVIDIA_DRIVER_CAPABILITIES=compute,utility")), all);
        int preload = ins.indexOf("ENV LD_PRELOAD=${JAVA_HOME}/lib/libjsig.so");
        assertTrue(preload > 0, "LD_PRELOAD from the base image's JAVA_HOME, not a path of some other Java: " + all);
        assertEquals("RUN test -f \"${LD_PRELOAD}\"", ins.get(preload + 1), "a base without libjsig fails the build");
        assertTrue(ins.stream().noneMatch(i -> i.contains("/usr/lib/jvm/")), all);
    }
}
