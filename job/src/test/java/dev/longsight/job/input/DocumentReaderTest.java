package dev.longsight.job.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.workload.Document;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
    private static final Configuration HADOOP = new Configuration();
    @TempDir Path dir;

    private DocumentSet read(Path p, InputFormat f, BadInput bad) { return read(p, f, bad, BadInput.FAIL); }

    private DocumentSet read(Path p, InputFormat f, BadInput bad, BadInput badFiles) {
        return new DocumentReader(HADOOP, "text", bad, badFiles).read(p.toString(), f);
    }

    private String error(Path p, InputFormat f, BadInput bad) { return error(p, f, bad, BadInput.FAIL); }

    private String error(Path p, InputFormat f, BadInput bad, BadInput badFiles) {
        return assertThrows(IllegalArgumentException.class, () -> read(p, f, bad, badFiles)).getMessage();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Path gzip(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private Path bzip2(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        BZip2Codec codec = new BZip2Codec();
        codec.setConf(HADOOP);
        try (OutputStream out = codec.createOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    /** A Parquet file as Spark writes a string column (optional binary, STRING annotation), snappy-compressed. */
    private Path parquet(String name, String column, String... values) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        MessageType schema = MessageTypeParser.parseMessageType("message spark_schema { optional binary " + column + " (STRING); }");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(p.toUri())).withConf(HADOOP)
                .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (String v : values) {
                Group g = groups.newGroup();
                if (v != null) g.add(column, v);
                w.write(g);
            }
        }
        return p;
    }

    @Test
    void readsADirectoryOfTextFilesInNameOrderSkippingHiddenFiles() throws IOException {
        write("corpus/b.txt", "second document");
        write("corpus/sub/a.txt", "first document");
        write("corpus/_SUCCESS", "");
        write("corpus/.hidden", "x");
        DocumentSet s = read(dir.resolve("corpus"), InputFormat.AUTO, BadInput.FAIL);
        assertEquals(List.of(new Document("b.txt", "second document"), new Document("sub/a.txt", "first document")), s.documents());
    }

    @Test
    void readsASingleTextFile() throws IOException {
        assertEquals(List.of(new Document("one.txt", "héllo wörld")), read(write("one.txt", "héllo wörld"), InputFormat.AUTO, BadInput.FAIL).documents());
    }

    @Test
    void readsGzipAndBzip2TextAndJsonLinesThroughHadoopsCodecs() throws IOException {
        gzip("z/a.txt.gz", "gzipped document");
        bzip2("z/b.txt.bz2", "bzipped document");
        gzip("z/c.jsonl.gz", "{\"text\":\"first line\"}\n{\"text\":\"second line\"}\n");
        DocumentSet s = read(dir.resolve("z"), InputFormat.AUTO, BadInput.FAIL);
        assertEquals(List.of(new Document("a.txt.gz", "gzipped document"), new Document("b.txt.bz2", "bzipped document"),
                new Document("c.jsonl.gz:1", "first line"), new Document("c.jsonl.gz:2", "second line")), s.documents());
        assertEquals(0, s.skippedFiles());
    }

    @Test
    void missingPathEmptyDirectoryAndEmptyDocumentAreOneLineErrors() throws IOException {
        assertTrue(error(dir.resolve("nope"), InputFormat.AUTO, BadInput.FAIL).endsWith("nope': no such file or directory"));
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(error(dir.resolve("empty"), InputFormat.AUTO, BadInput.FAIL).endsWith("empty': directory has no files (hidden _ and . files ignored)"));
        String e = error(write("blank.txt", " \n\n"), InputFormat.AUTO, BadInput.FAIL);
        assertTrue(e.endsWith("blank.txt': empty document (expected text) (pass --bad-files skip to skip unreadable files)"), e);
    }

    @Test
    void binaryGarbageInvalidUtf8AndDamagedArchivesAreRefused() throws IOException {
        Path bin = Files.write(dir.resolve("x.bin"), new byte[] {1, 2, 3, 0, 5, 6, 7});
        assertTrue(error(bin, InputFormat.TEXT, BadInput.FAIL).contains("x.bin': binary data (NUL bytes), expected UTF-8 text"));
        Path ctl = Files.write(dir.resolve("ctl.txt"), new byte[] {'a', 1, 2, 3, 4, 5, 6, 7, 8, 'b'});
        assertTrue(error(ctl, InputFormat.TEXT, BadInput.FAIL).contains("binary data (8 control bytes)"));
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        String e = error(latin1, InputFormat.TEXT, BadInput.FAIL);
        assertTrue(e.contains("latin1.txt': not valid UTF-8 text"), e);
        Path fake = write("fake.txt.gz", "not gzip at all");
        e = error(fake, InputFormat.AUTO, BadInput.FAIL);
        assertTrue(e.contains("fake.txt.gz': cannot be read as .gz compressed text ("), e);
        byte[] gz = Files.readAllBytes(gzip("whole.txt.gz", "a document long enough to cut in half ".repeat(50)));
        Path cut = Files.write(dir.resolve("cut.txt.gz"), Arrays.copyOf(gz, gz.length / 2));
        e = error(cut, InputFormat.AUTO, BadInput.FAIL);
        assertTrue(e.contains("cut.txt.gz': cannot be read as .gz compressed text ("), e);
        Path zip = Files.write(dir.resolve("a.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertTrue(error(zip, InputFormat.AUTO, BadInput.FAIL).contains("(compressed text is read for the codecs Hadoop has: .gz, .bz2, .deflate)"));
    }

    @Test
    void unreadableFilesInAFolderAreSkippedNamedAndCountedOrFailAsAsked() throws IOException {
        write("mixed/a.txt", "a good document");
        Files.write(dir.resolve("mixed/b.bin"), new byte[] {1, 0, 2});
        write("mixed/c.txt.gz", "plain text under a .gz name");
        gzip("mixed/d.txt.gz", "a good compressed document");
        DocumentSet s = read(dir.resolve("mixed"), InputFormat.AUTO, BadInput.FAIL, BadInput.SKIP);
        assertEquals(List.of(new Document("a.txt", "a good document"), new Document("d.txt.gz", "a good compressed document")), s.documents());
        assertEquals(2, s.skippedFiles());
        assertTrue(s.skippedFileExamples().get(0).contains("b.bin': binary data (NUL bytes)"), s.skippedFileExamples().toString());
        assertTrue(s.skippedFileExamples().get(1).contains("c.txt.gz': cannot be read as .gz compressed text"), s.skippedFileExamples().toString());
        assertEquals(0, s.skipped());
        String e = error(dir.resolve("mixed"), InputFormat.AUTO, BadInput.FAIL, BadInput.FAIL);
        assertTrue(e.startsWith("input '") && e.contains("b.bin': binary data (NUL bytes)")
                && e.endsWith("(pass --bad-files skip to skip unreadable files)"), e);
        assertEquals(1, e.lines().count());
    }

    @Test
    void aFolderOfOnlyUnreadableFilesHasNoDocuments() throws IOException {
        Files.createDirectories(dir.resolve("junk"));
        Files.write(dir.resolve("junk/x.bin"), new byte[0]);
        Files.write(dir.resolve("junk/y.bin"), new byte[] {0});
        String e = error(dir.resolve("junk"), InputFormat.AUTO, BadInput.FAIL, BadInput.SKIP);
        assertTrue(e.contains("junk': no documents (2 unreadable files and 0 bad records skipped, e.g. input '"), e);
        assertTrue(e.contains("x.bin': empty document (expected text)"), e);
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
        DocumentSet s = read(p, InputFormat.AUTO, BadInput.SKIP);
        // The id says where the text is: the file and its line (1-based), whatever the record calls itself.
        assertEquals(List.of(new Document("docs.jsonl:1", "alpha"), new Document("docs.jsonl:6", "beta")), s.documents());
        assertEquals(4, s.skipped());
        assertEquals(0, s.skippedFiles());
        assertTrue(s.skippedExamples().get(0).contains("docs.jsonl' line 2: not valid JSON (Unrecognized token 'broken'"), s.skippedExamples().get(0));
        assertTrue(s.skippedExamples().get(1).endsWith("line 4: no text field 'text' (see --text-field)"));
        assertTrue(s.skippedExamples().get(2).endsWith("line 5: not a JSON object"));
        assertTrue(s.skippedExamples().get(3).endsWith("line 7: empty text in field 'text'"));
        // A bad line is a record problem, not an unreadable file: --bad-files skip does not hide it.
        String e = error(p, InputFormat.JSONL, BadInput.FAIL, BadInput.SKIP);
        assertTrue(e.contains("docs.jsonl' line 2: not valid JSON") && e.endsWith("(pass --bad-lines skip to skip bad records)"), e);
    }

    @Test
    void jsonLinesWithOnlyBadLinesHaveNoDocuments() throws IOException {
        String e = error(write("bad.jsonl", "nope\n"), InputFormat.AUTO, BadInput.SKIP);
        assertTrue(e.contains("no documents (0 unreadable files and 1 bad records skipped, e.g. "), e);
    }

    @Test
    void readsParquetTextColumnWithoutSparkNamingFileAndRow() throws IOException {
        parquet("docs.parquet/part-00000.snappy.parquet", "text", "one text", null, "two text");
        parquet("docs.parquet/part-00001.snappy.parquet", "text", "three text");
        write("docs.parquet/_SUCCESS", "");
        DocumentSet s = read(dir.resolve("docs.parquet"), InputFormat.AUTO, BadInput.SKIP);
        assertEquals(List.of(new Document("part-00000.snappy.parquet#0", "one text"), new Document("part-00000.snappy.parquet#2", "two text"),
                new Document("part-00001.snappy.parquet#0", "three text")), s.documents());
        assertEquals(1, s.skipped());
        assertTrue(s.skippedExamples().get(0).endsWith("part-00000.snappy.parquet' row 1: empty text in column 'text'"), s.skippedExamples().toString());
    }

    @Test
    void parquetWithoutTheTextColumnIsAnErrorAndADamagedFileIsUnreadable() throws IOException {
        Path other = parquet("other.parquet", "body", "x");
        String e = error(other, InputFormat.PARQUET, BadInput.FAIL, BadInput.SKIP);
        assertTrue(e.endsWith("other.parquet': Parquet has no string column 'text' (see --text-field; columns: body)"), e);
        parquet("two/a.parquet", "text", "fine");
        write("two/b.parquet", "not parquet");
        DocumentSet s = read(dir.resolve("two"), InputFormat.AUTO, BadInput.FAIL, BadInput.SKIP);
        assertEquals(List.of(new Document("a.parquet#0", "fine")), s.documents());
        assertEquals(1, s.skippedFiles());
        assertTrue(s.skippedFileExamples().get(0).contains("b.parquet': not readable as Parquet ("), s.skippedFileExamples().toString());
    }

    @Test
    void autoDetectionReadsTextAndJsonLinesSideBySideButNotParquetWithOthers() throws IOException {
        write("mixed/a.txt", "text");
        write("mixed/b.jsonl", "{\"text\":\"t\"}");
        assertEquals(List.of(new Document("a.txt", "text"), new Document("b.jsonl:1", "t")),
                read(dir.resolve("mixed"), InputFormat.AUTO, BadInput.FAIL).documents());
        assertEquals(1, read(dir.resolve("mixed"), InputFormat.JSONL, BadInput.SKIP).documents().size());
        write("mixed/c.parquet", "not really");
        assertTrue(error(dir.resolve("mixed"), InputFormat.AUTO, BadInput.FAIL).contains("mixes Parquet with other files; pass --format"));
    }

    @Test
    void readsTheSampleCorpus() {
        DocumentSet s = read(Path.of("..", "sample-data", "corpus"), InputFormat.AUTO, BadInput.FAIL);
        assertTrue(s.documents().size() >= 5, s.documents().toString());
        assertEquals(0, s.skipped());
        assertEquals(0, s.skippedFiles());
    }
}
