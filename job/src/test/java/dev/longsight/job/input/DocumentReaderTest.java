package dev.longsight.job.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.BadLines;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.workload.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
    static SparkSession spark;
    @TempDir Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("reader-test").config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() { spark.stop(); }

    private DocumentSet read(Path p, InputFormat f, BadLines bad) {
        return new DocumentReader(spark, "text", bad).read(p.toString(), f);
    }

    private String error(Path p, InputFormat f, BadLines bad) {
        return assertThrows(IllegalArgumentException.class, () -> read(p, f, bad)).getMessage();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void readsADirectoryOfTextFilesInNameOrderSkippingHiddenFiles() throws IOException {
        write("corpus/b.txt", "second document");
        write("corpus/sub/a.txt", "first document");
        write("corpus/_SUCCESS", "");
        write("corpus/.hidden", "x");
        DocumentSet s = read(dir.resolve("corpus"), InputFormat.AUTO, BadLines.FAIL);
        assertEquals(List.of(new Document("b.txt", "second document"), new Document("sub/a.txt", "first document")), s.documents());
    }

    @Test
    void readsASingleTextFile() throws IOException {
        assertEquals(List.of(new Document("one.txt", "héllo wörld")), read(write("one.txt", "héllo wörld"), InputFormat.AUTO, BadLines.FAIL).documents());
    }

    @Test
    void missingPathEmptyDirectoryAndEmptyDocumentAreOneLineErrors() throws IOException {
        assertTrue(error(dir.resolve("nope"), InputFormat.AUTO, BadLines.FAIL).endsWith("nope': no such file or directory"));
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(error(dir.resolve("empty"), InputFormat.AUTO, BadLines.FAIL).endsWith("empty': directory has no files (hidden _ and . files ignored)"));
        String e = error(write("blank.txt", " \n\n"), InputFormat.AUTO, BadLines.FAIL);
        assertTrue(e.endsWith("blank.txt': empty document (expected text)"), e);
    }

    @Test
    void binaryGarbageAndInvalidUtf8AreRefused() throws IOException {
        Path bin = Files.write(dir.resolve("x.bin"), new byte[] {1, 2, 3, 0, 5, 6, 7});
        assertTrue(error(bin, InputFormat.TEXT, BadLines.FAIL).endsWith("x.bin': binary data (NUL bytes), expected UTF-8 text"));
        Path ctl = Files.write(dir.resolve("ctl.txt"), new byte[] {'a', 1, 2, 3, 4, 5, 6, 7, 8, 'b'});
        assertTrue(error(ctl, InputFormat.TEXT, BadLines.FAIL).contains("binary data (8 control bytes)"));
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        String e = error(latin1, InputFormat.TEXT, BadLines.FAIL);
        assertTrue(e.contains("latin1.txt': not valid UTF-8 text"), e);
    }

    @Test
    void jsonLinesBadLinesAreSkippedAndCountedOrFailAsAsked() throws IOException {
        Path p = write("docs.jsonl", String.join("\n",
                "{\"id\":\"d1\",\"text\":\"alpha\"}",
                "{\"text\": broken",
                "",
                "{\"body\":\"no text field\"}",
                "[1,2]",
                "{\"text\":\"beta\"}",
                "{\"text\":\"  \"}"));
        DocumentSet s = read(p, InputFormat.AUTO, BadLines.SKIP);
        assertEquals(List.of(new Document("d1", "alpha"), new Document("docs.jsonl:6", "beta")), s.documents());
        assertEquals(4, s.skipped());
        assertTrue(s.skippedExamples().get(0).contains("docs.jsonl' line 2: not valid JSON (Unrecognized token 'broken'"), s.skippedExamples().get(0));
        assertTrue(s.skippedExamples().get(1).endsWith("line 4: no text field 'text' (see --text-field)"));
        assertTrue(s.skippedExamples().get(2).endsWith("line 5: not a JSON object"));
        assertTrue(s.skippedExamples().get(3).endsWith("line 7: empty text in field 'text'"));
        String e = error(p, InputFormat.JSONL, BadLines.FAIL);
        assertTrue(e.contains("docs.jsonl' line 2: not valid JSON") && e.endsWith("(pass --bad-lines skip to skip bad records)"), e);
    }

    @Test
    void jsonLinesWithOnlyBadLinesHaveNoDocuments() throws IOException {
        String e = error(write("bad.jsonl", "nope\n"), InputFormat.AUTO, BadLines.SKIP);
        assertTrue(e.contains("no documents (1 bad records skipped, e.g. "), e);
    }

    @Test
    void readsParquetTextColumnAndRefusesParquetWithoutIt() {
        String out = dir.resolve("docs.parquet").toUri().toString();
        spark.createDataset(List.of("one text", "two text"), Encoders.STRING()).toDF("text").write().parquet(out);
        DocumentSet s = read(dir.resolve("docs.parquet"), InputFormat.AUTO, BadLines.FAIL);
        assertEquals(List.of("one text", "two text"), s.documents().stream().map(Document::text).sorted().toList());
        String other = dir.resolve("other.parquet").toUri().toString();
        spark.createDataset(List.of("x"), Encoders.STRING()).toDF("body").write().parquet(other);
        String e = error(dir.resolve("other.parquet"), InputFormat.PARQUET, BadLines.FAIL);
        assertTrue(e.endsWith("Parquet has no string column 'text' (see --text-field; columns: body)"), e);
    }

    @Test
    void autoDetectionReadsTextAndJsonLinesSideBySideButNotParquetWithOthers() throws IOException {
        write("mixed/a.txt", "text");
        write("mixed/b.jsonl", "{\"text\":\"t\"}");
        assertEquals(List.of(new Document("a.txt", "text"), new Document("b.jsonl:1", "t")),
                read(dir.resolve("mixed"), InputFormat.AUTO, BadLines.FAIL).documents());
        assertEquals(1, read(dir.resolve("mixed"), InputFormat.JSONL, BadLines.SKIP).documents().size());
        write("mixed/c.parquet", "not really");
        assertTrue(error(dir.resolve("mixed"), InputFormat.AUTO, BadLines.FAIL).contains("mixes Parquet with other files; pass --format"));
    }

    @Test
    void readsTheSampleCorpus() {
        DocumentSet s = read(Path.of("..", "sample-data", "corpus"), InputFormat.AUTO, BadLines.FAIL);
        assertTrue(s.documents().size() >= 5, s.documents().toString());
        assertEquals(0, s.skipped());
    }
}
