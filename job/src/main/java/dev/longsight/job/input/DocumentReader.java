package dev.longsight.job.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.job.config.BadLines;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.workload.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the user's documents through Hadoop's FileSystem (any scheme: file://, hdfs://, s3a://):
 * plain text files (one document per file), JSON lines (one document per line, text in a named
 * field), a directory mixing those two (told apart by name), or Parquet (read by Spark, text in a
 * named column). Every problem is one line naming the
 * input and what was expected; bad records are skipped and counted or fail the run, as asked.
 */
public final class DocumentReader {
    private static final int MAX_EXAMPLES = 5;
    private static final long MAX_TEXT_BYTES = Integer.MAX_VALUE / 2;
    private final Configuration hadoop;
    private final SparkSession spark; // only for Parquet
    private final String textField;
    private final BadLines badLines;

    public DocumentReader(SparkSession spark, String textField, BadLines badLines) {
        this.spark = spark;
        this.hadoop = spark.sparkContext().hadoopConfiguration();
        this.textField = textField;
        this.badLines = badLines;
    }

    public DocumentSet read(String uri, InputFormat format) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(hadoop);
            List<Path> files = listFiles(fs, root, uri);
            Skips skips = new Skips();
            List<Document> docs = new ArrayList<>();
            if (format == InputFormat.PARQUET || (format == InputFormat.AUTO && isParquet(files, uri))) {
                docs.addAll(readParquet(uri, files, skips));
            } else {
                for (Path p : files) {
                    InputFormat f = format == InputFormat.AUTO ? ofName(p) : format;
                    docs.addAll(f == InputFormat.JSONL ? readJsonLines(fs, p, root, skips) : List.of(readText(fs, p, root)));
                }
            }
            if (docs.isEmpty()) {
                throw new IllegalArgumentException("input '" + uri + "': no documents (" + skips.count + " bad records skipped"
                        + (skips.examples.isEmpty() ? "" : ", e.g. " + skips.examples.get(0)) + ")");
            }
            return new DocumentSet(docs, skips.count, skips.examples);
        } catch (IOException e) {
            throw new IllegalArgumentException("input '" + uri + "': cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Path> listFiles(FileSystem fs, Path root, String uri) throws IOException {
        if (!fs.exists(root)) throw new IllegalArgumentException("input '" + uri + "': no such file or directory");
        FileStatus st = fs.getFileStatus(root);
        if (st.isFile()) return List.of(root);
        List<Path> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            if (!hidden(p, root)) files.add(p);
        }
        if (files.isEmpty()) throw new IllegalArgumentException("input '" + uri + "': directory has no files (hidden _ and . files ignored)");
        files.sort(null); // listing order differs between filesystems; documents must not
        return files;
    }

    /** Hadoop's convention: names starting with _ or . (_SUCCESS, .crc) are metadata, not data. */
    private static boolean hidden(Path p, Path root) {
        for (Path q = p; q != null && !q.equals(root) && q.depth() > root.depth(); q = q.getParent()) {
            if (q.getName().startsWith("_") || q.getName().startsWith(".")) return true;
        }
        return false;
    }

    /** Auto-detection: Parquet if the files are Parquet (all of them: Spark reads them together), else per file. */
    static boolean isParquet(List<Path> files, String uri) {
        long parquet = files.stream().filter(p -> ofName(p) == InputFormat.PARQUET).count();
        if (parquet > 0 && parquet < files.size()) {
            throw new IllegalArgumentException("input '" + uri + "': mixes Parquet with other files; pass --format text, jsonl or parquet, "
                    + "or point --input at one kind");
        }
        return parquet > 0;
    }

    /** .parquet, .jsonl/.json/.ndjson (JSON lines), anything else is text. */
    static InputFormat ofName(Path p) {
        String n = p.getName().toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") ? InputFormat.PARQUET
                : n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson") ? InputFormat.JSONL : InputFormat.TEXT;
    }

    private static Document readText(FileSystem fs, Path p, Path root) throws IOException {
        String text = decode(fs, p);
        if (text.isBlank()) throw new IllegalArgumentException("input '" + p + "': empty document (expected text)");
        return new Document(relative(root, p), text);
    }

    private List<Document> readJsonLines(FileSystem fs, Path p, Path root, Skips skips) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Document> docs = new ArrayList<>();
        String[] lines = decode(fs, p).split("\r?\n", -1);
        String name = relative(root, p);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String where = "input '" + p + "' line " + (i + 1);
            String problem;
            JsonNode node = null;
            try {
                node = json.readTree(lines[i]);
                problem = node == null || !node.isObject() ? "not a JSON object"
                        : !node.hasNonNull(textField) || !node.get(textField).isTextual() ? "no text field '" + textField + "' (see --text-field)"
                        : node.get(textField).asText().isBlank() ? "empty text in field '" + textField + "'" : null;
            } catch (IOException e) {
                problem = "not valid JSON (" + firstLine(e.getMessage()) + ")";
            }
            if (problem != null) {
                skips.add(where + ": " + problem, badLines);
                continue;
            }
            JsonNode id = node.get("id");
            docs.add(new Document(id != null && id.isValueNode() ? id.asText() : name + ":" + (i + 1), node.get(textField).asText()));
        }
        return docs;
    }

    private List<Document> readParquet(String uri, List<Path> files, Skips skips) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(files.stream().map(Path::toString).toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("input '" + uri + "': not readable as Parquet: " + firstLine(e.getMessage()), e);
        }
        StructField text = Arrays.stream(df.schema().fields()).filter(f -> f.name().equals(textField)).findFirst().orElse(null);
        if (text == null || !text.dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("input '" + uri + "': Parquet has no string column '" + textField + "' (see --text-field; columns: "
                    + String.join(", ", df.schema().fieldNames()) + ")");
        }
        boolean hasId = Arrays.asList(df.schema().fieldNames()).contains("id");
        List<Row> rows = (hasId ? df.select(df.col(textField), df.col("id").cast("string")) : df.select(df.col(textField))).collectAsList();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String t = rows.get(i).getString(0);
            if (t == null || t.isBlank()) {
                skips.add("input '" + uri + "' row " + i + ": empty text in column '" + textField + "'", badLines);
                continue;
            }
            String id = hasId && rows.get(i).getString(1) != null ? rows.get(i).getString(1) : "row" + i;
            docs.add(new Document(id, t));
        }
        return docs;
    }

    /** Strict UTF-8, refusing binary files: a NUL byte or many control characters mean it is not text. */
    private static String decode(FileSystem fs, Path p) throws IOException {
        long len = fs.getFileStatus(p).getLen();
        if (len > MAX_TEXT_BYTES) throw new IllegalArgumentException("input '" + p + "': " + len + " bytes, more than one document can hold");
        byte[] bytes;
        try (InputStream in = fs.open(p)) {
            bytes = in.readAllBytes();
        }
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) throw new IllegalArgumentException("input '" + p + "': binary data (NUL bytes), expected UTF-8 text");
            if ((b & 0xff) < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
        }
        if (control > bytes.length / 100 + 1) {
            throw new IllegalArgumentException("input '" + p + "': binary data (" + control + " control bytes), expected UTF-8 text");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("input '" + p + "': not valid UTF-8 text (" + e.getMessage() + ")");
        }
    }

    private static String relative(Path root, Path p) {
        String r = root.toUri().getPath(), f = p.toUri().getPath();
        return f.startsWith(r + "/") ? f.substring(r.length() + 1) : p.getName();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Bad records met so far; with --bad-lines fail the first one ends the read. */
    private static final class Skips {
        int count;
        final List<String> examples = new ArrayList<>();

        void add(String reason, BadLines policy) {
            if (policy == BadLines.FAIL) throw new IllegalArgumentException(reason + " (pass --bad-lines skip to skip bad records)");
            count++;
            if (examples.size() < MAX_EXAMPLES) examples.add(reason);
        }
    }
}
