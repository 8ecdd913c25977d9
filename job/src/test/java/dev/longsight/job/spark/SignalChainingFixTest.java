package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.kernels.device.Devices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing libjsig is answered with the fix of the deployment that runs the job, as its cluster-configs README gives it. */
class SignalChainingFixTest {
    @TempDir Path dir;

    /** Every unit refused as the kernels refuse NVIDIA OpenCL in a JVM without libjsig. */
    record NoJsig() implements RunHooks {
        @Override
        public void beforeUnit(String unitId, int attempt) {
            throw new Devices.DeviceUnavailableException("NVIDIA OpenCL needs JVM signal chaining: start Java with "
                    + "LD_PRELOAD=/opt/java/openjdk/lib/libjsig.so; without it the driver's SIGSEGV handler replaces the JVM's");
        }
    }

    @Test
    void aRunWhoseUnitsWereRefusedNamesTheFix() throws Exception {
        JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = new ConfigBuilder();
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        b.lengths = List.of(256);
        b.patterns = List.of("full");
        b.depths = List.of(0.5);
        b.maxFailures = 1;
        JobFixtures.Console console = new JobFixtures.Console();
        RunOutcome o = JobFixtures.capture(console, out -> SweepJob.run(b.build(), out, "test", new NoJsig()));
        assertTrue(o.failedUnits() > 0 && o.failedUnits() == o.units(), o.toString());
        assertTrue(console.text().contains("fix for the units refused without libjsig: start the run with ./longsight or "
                + "cluster-configs/local/submit.sh"), console.text());
    }
    @Test
    void eachDeploymentGetsItsOwnFix() throws Exception {
        assertTrue(SignalChainingFix.concerns("threw on all 4 attempts: DeviceUnavailableException: NVIDIA OpenCL needs JVM signal chaining: "
                + "start Java with LD_PRELOAD=/opt/java/openjdk/lib/libjsig.so; without it ..."));
        assertFalse(SignalChainingFix.concerns("injected fault"));
        assertTrue(SignalChainingFix.forMaster("yarn").contains("spark.executorEnv.LD_PRELOAD={{JAVA_HOME}}/lib/libjsig.so"));
        String standalone = SignalChainingFix.forMaster("spark://master:7077");
        assertTrue(standalone.contains("export LD_PRELOAD=\"$JAVA_HOME/lib/libjsig.so\"") && standalone.contains("conf/spark-env.sh"), standalone);
        assertTrue(Files.readString(Path.of("..", "cluster-configs", "standalone", "README.md")).contains("export LD_PRELOAD=\"$JAVA_HOME/lib/libjsig.so"));
        assertTrue(SignalChainingFix.forMaster("k8s://https://kubernetes.default.svc:443").contains("image must set LD_PRELOAD"));
        assertTrue(SignalChainingFix.forMaster("local[*,4]").contains("./longsight"));
        assertTrue(SignalChainingFix.forMaster(null).contains("./longsight"));
    }
}
