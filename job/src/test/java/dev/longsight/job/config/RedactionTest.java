package dev.longsight.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.fidelity.FidelityConfig;
import dev.longsight.job.fidelity.ScoreScale;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as a credential, and how it is hidden in arguments, settings and free text. */
class RedactionTest {
    @Test
    void namesThatHoldCredentials() {
        for (String n : List.of("spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key", "fs.s3a.session.token",
                "fs.s3a.bucket.logs.secret.key", "fs.s3a.encryption.key", "spark.ssl.keyStorePassword", "spark.authenticate.secret",
                "--s3-secret-key", "-Dspark.hadoop.fs.s3a.access.key", "AWS_SECRET_ACCESS_KEY", "hive.metastore.token.signature")) {
            assertTrue(Redaction.isSecretName(n), n);
        }
        for (String n : List.of("spark.master", "--lengths", "spark.hadoop.fs.s3a.endpoint", "spark.executor.cores", "--input")) {
            assertFalse(Redaction.isSecretName(n), n);
        }
    }

    @Test
    void argumentsKeepTheirShapeAndLoseTheirSecrets() {
        List<String> typed = List.of("run", "--conf", "spark.hadoop.fs.s3a.secret.key=S3CR3T", "--conf=spark.hadoop.fs.s3a.access.key=AK1D",
                "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000", "-Dspark.hadoop.fs.s3a.session.token=T0K", "--api-token", "T0K2",
                "--input", "s3a://AK2:S2@bucket/docs", "--output=s3a://u:p@bucket/out", "--lengths", "4K");
        assertEquals(List.of("run", "--conf", "spark.hadoop.fs.s3a.secret.key=*****", "--conf=spark.hadoop.fs.s3a.access.key=*****",
                "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000", "-Dspark.hadoop.fs.s3a.session.token=*****", "--api-token", "*****",
                "--input", "s3a://*****@bucket/docs", "--output=s3a://*****@bucket/out", "--lengths", "4K"), Redaction.args(typed));
        // A secret-named option with its value attached hides only that value, not the next argument.
        assertEquals(List.of("--api-token=*****", "--lengths", "4K"), Redaction.args(List.of("--api-token=x", "--lengths", "4K")));
    }

    @Test
    void freeTextHidesAssignmentsAndUserInfo() {
        assertEquals("input 's3a://*****@bucket/x': no such file or directory",
                Redaction.text("input 's3a://KEY:SECRET@bucket/x': no such file or directory"));
        assertEquals("bad value fs.s3a.secret.key=***** near fs.s3a.endpoint=http://h:1, token: *****",
                Redaction.text("bad value fs.s3a.secret.key=abc/def+g near fs.s3a.endpoint=http://h:1, token: zzz"));
        assertEquals("device 'gpu': no OpenCL GPU found, lengths=4096", Redaction.text("device 'gpu': no OpenCL GPU found, lengths=4096"));
        assertEquals("ran out of memory at 131072 tokens: 2 GiB more needed", Redaction.text("ran out of memory at 131072 tokens: 2 GiB more needed"));
        assertEquals("AWS_SECRET_ACCESS_KEY=*****, password: *****", Redaction.text("AWS_SECRET_ACCESS_KEY=wJalr, password: hunter2"));
        assertEquals("dir/tokenizer.json: gives token id 110", Redaction.text("dir/tokenizer.json: gives token id 110"), "a tokenizer is not a token");
        assertEquals("spark.authenticate.secret: *****, api_token=*****", Redaction.text("spark.authenticate.secret: s3cr3t, api_token=t0k"));
    }

    @Test
    void confOptionsParseInOrderAndShowHidden() {
        Map<String, String> m = SparkSettings.parse(List.of("spark.hadoop.fs.s3a.access.key=AK", "spark.hadoop.fs.s3a.endpoint=http://s3:9000",
                "spark.hadoop.fs.s3a.access.key=AK2"));
        assertEquals(List.of("spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.endpoint"), List.copyOf(m.keySet()));
        assertEquals("AK2", m.get("spark.hadoop.fs.s3a.access.key"));
        assertEquals("spark.hadoop.fs.s3a.access.key=*****, spark.hadoop.fs.s3a.endpoint=http://s3:9000", SparkSettings.text(m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSettings.parse(List.of("fs.s3a.secret.key=S3CR3T")));
        assertEquals("option '--conf': expected spark.KEY=VALUE (e.g. spark.hadoop.fs.s3a.endpoint=http://s3.local:9000), got 'fs.s3a.secret.key=*****'",
                e.getMessage());
        assertFalse(assertThrows(IllegalArgumentException.class, () -> SparkSettings.parse(List.of("spark.x"))).getMessage().isEmpty());
    }

    @Test
    void fidelitySettingsHideUserInfo() {
        FidelityConfig c = new FidelityConfig(List.of(64), List.of("paper-power"), "npy:s3a://AKFAKE:FakeSecret7@bucket/qkv/manifest.properties",
                2, 1, 64, 16, 64, DeviceSpec.parse("jtp"), Precision.FP32, 0, "s3a://AKFAKE:FakeSecret7@bucket/out", ScoreScale.parse("ln:2"), 0, 1);
        String shown = String.join("\n", c.describe());
        assertFalse(shown.contains("FakeSecret7") || shown.contains("AKFAKE"), shown);
        assertTrue(shown.contains("npy:s3a://*****@bucket/qkv/manifest.properties") && shown.contains("s3a://*****@bucket/out"), shown);
    }
}
