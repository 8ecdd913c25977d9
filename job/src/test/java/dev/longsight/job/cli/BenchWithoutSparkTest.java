package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bench and calibration run on a GPU host that has only the kernels and job jars, picocli and
 * Aparapi: the command line loads every subcommand class, so none of them may need Spark or Hadoop to load.
 */
class BenchWithoutSparkTest {
    @Test
    void benchAndCalibrateRunWhereSparkAndHadoopCannotBeLoaded() throws Exception {
        try (URLClassLoader loader = new WithoutSpark()) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.apache.spark.sql.SparkSession"));
            Class<?> cli = loader.loadClass(LongSight.class.getName());
            Object rc = cli.getMethod("execute", String[].class).invoke(null, (Object) new String[] {"bench", "--device", "jtp",
                "--patterns", "full", "--lengths", "64", "--heads", "1", "--kv-heads", "1", "--head-dim", "16", "--block", "16",
                "--warmup", "0", "--repeats", "1", "--e2e-repeats", "0"});
            assertEquals(0, rc);
            rc = cli.getMethod("execute", String[].class).invoke(null, (Object) new String[] {"calibrate", "--tasks", "passkey",
                "--lengths", "256", "--depths", "1", "--layers", "1", "--block", "32", "--chunk", "64", "--device", "jtp"});
            assertEquals(0, rc);
            for (String command : new String[] {"devices", "patterns", "rf"}) {
                assertEquals(0, cli.getMethod("execute", String[].class).invoke(null, (Object) new String[] {command, "--help"}), command);
            }
        }
    }

    /** This test JVM's class path, refusing Spark, Hadoop and Scala as a host without them would. */
    private static final class WithoutSpark extends URLClassLoader {
        WithoutSpark() {
            super(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(WithoutSpark::url).toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.apache.spark.") || name.startsWith("org.apache.hadoop.") || name.startsWith("scala.")) {
                throw new ClassNotFoundException(name + " (not on a bare GPU host)");
            }
            return super.loadClass(name, resolve);
        }

        private static URL url(String path) {
            try {
                return new File(path).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
