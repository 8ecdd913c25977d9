package dev.longsight.job.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.cli.LongSight;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheme whose Hadoop module is missing is one line naming the module and the two ways to add it.
 * hadoop-aws is on the test classpath (S3RunTest), so its absence is reproduced as Hadoop meets it: core-default.xml
 * names a class for fs.s3a.impl, and that class cannot be loaded.
 */
class FilesystemsTest {
    private static final String ABSENT = "org.apache.hadoop.fs.s3a.AbsentFileSystem";
    @TempDir Path dir;

    private static Configuration withoutHadoopAws() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.impl", ABSENT);
        return conf;
    }

    @Test
    void s3aWithoutHadoopAwsNamesTheModuleTheProfileAndThePackagesLine() {
        String msg = assertThrows(IllegalArgumentException.class, () -> Filesystems.get(
                new org.apache.hadoop.fs.Path("s3a://absent-module/docs"), withoutHadoopAws(), "input 's3a://absent-module/docs'")).getMessage();
        assertEquals("input 's3a://absent-module/docs': s3a:// needs Hadoop's hadoop-aws module, which is not on the classpath (class "
                + ABSENT + " not found); build the app jar with it (mvn -B package -DskipTests -Ps3) or add it when submitting "
                + "(spark-submit --packages org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion() + ")", msg);
    }

    @Test
    void anUnknownSchemeAndAnotherMissingModuleSayWhatIsMissing() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> Filesystems.get(
                new org.apache.hadoop.fs.Path("nosuch://b/x"), new Configuration(), "output 'nosuch://b/x'")).getMessage();
        assertEquals("output 'nosuch://b/x': no Hadoop filesystem for nosuch:// on the classpath (no filesystem is registered for it); "
                + "add the module that provides it with spark-submit --packages or --jars", unknown);
        Configuration conf = new Configuration();
        conf.set("fs.abfss.impl", "org.apache.hadoop.fs.azurebfs.Absent");
        String azure = assertThrows(IllegalArgumentException.class, () -> Filesystems.get(
                new org.apache.hadoop.fs.Path("abfss://c@a.dfs.core.windows.net/x"), conf, "input 'x'")).getMessage();
        assertTrue(azure.endsWith("needs Hadoop's hadoop-azure module, which is not on the classpath (class org.apache.hadoop.fs.azurebfs.Absent "
                + "not found); add it when submitting (spark-submit --packages org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion() + ")"), azure);
    }

    @Test
    void s3WithoutTheAIsPointedToS3a() {
        String msg = assertThrows(IllegalArgumentException.class, () -> Filesystems.get(
                new org.apache.hadoop.fs.Path("s3://corpora/books"), new Configuration(), "input 's3://corpora/books'")).getMessage();
        assertEquals("input 's3://corpora/books': no Hadoop filesystem for s3:// (no filesystem is registered for it); Apache Hadoop "
                + "reads S3 as s3a:// (its hadoop-aws module): write s3a://corpora/books", msg);
    }

    @Test
    void aSchemeThatLoadsIsReturned() throws Exception {
        assertTrue(Filesystems.get(new org.apache.hadoop.fs.Path(dir.toString()), new Configuration(), "x") instanceof LocalFileSystem);
    }

    @Test
    void runWithAnS3aInputAndNoHadoopAwsExitsWithOneLineBeforeSparkStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        PrintStream oldErr = System.err, oldOut = System.out;
        System.setProperty("spark.hadoop.fs.s3a.impl", ABSENT); // what a --conf of spark-submit becomes in the driver
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc = LongSight.execute("run", "--device", "jtp", "--input", "s3a://absent-module-cli/docs", "--output", dir.resolve("out").toString());
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
            System.clearProperty("spark.hadoop.fs.s3a.impl");
        }
        String e = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d (WARN|INFO) .*"))
                .reduce("", (a, l) -> a + l + "\n"); // Spark's and Hadoop's log lines are not the command's output
        assertEquals(2, rc, e + out);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("run: input 's3a://absent-module-cli/docs': s3a:// needs Hadoop's hadoop-aws module"), e);
        assertTrue(e.contains("-Ps3") && e.contains("spark-submit --packages org.apache.hadoop:hadoop-aws:"), e);
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("spark: master"), out.toString(StandardCharsets.UTF_8));
    }
}
