package dev.longsight.job.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.fs.Filesystems;
import dev.longsight.job.workload.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the user's documents through Hadoop's FileSystem (any scheme: file://, hdfs://, s3a://),
 * without Spark, so that a bad input fails before a Spark session starts: plain text files (one
 * document per file), JSON lines (one document per line, text in a named field), a directory
 * mixing those two (told apart by name), or Parquet (text in a named column). Text and JSON lines
 * may be compressed with any codec Hadoop knows by file extension (.gz, .bz2, ...). A document's
 * id says where it came from: the file's path under the input, plus {@code :line} (1-based) for
 * JSON lines or {@code #row} (0-based, within the file) for Parquet. Every problem is one line
 * naming the input and what was expected; bad records and unreadable files are skipped and counted
 * or fail the run, as asked.
 */
public final class DocumentReader {
    private static final int MAX_EXAMPLES = 5;
    private static final int MAX_TEXT_BYTES = Integer.MAX_VALUE / 2;
    private final Configuration hadoop;
    private final CompressionCodecFactory codecs;
    private final String textField;
    private final BadInput badLines;
    private final BadInput badFiles;

    public DocumentReader(Configuration hadoop, String textField, BadInput badLines, BadInput badFiles) {
        this.hadoop = hadoop;
        this.codecs = new CompressionCodecFactory(hadoop);
        this.textField = textField;
        this.badLines = badLines;
        this.badFiles = badFiles;
    }

    public DocumentSet read(String uri, InputFormat format) {
        try {
            Path root = new Path(uri);
            FileSystem fs = Filesystems.get(root, hadoop, "input '" + uri + "'");
            List<Path> files = listFiles(fs, root, uri);
            Skips skips = new Skips("--bad-lines skip to skip bad records");
            Skips unreadable = new Skips("--bad-files skip to skip unreadable files");
            boolean parquet = format == InputFormat.PARQUET || (format == InputFormat.AUTO && isParquet(files, uri));
            List<Document> docs = new ArrayList<>();
            for (Path p : files) {
                InputFormat f = parquet ? InputFormat.PARQUET : format == InputFormat.AUTO ? ofName(uncompressedName(p)) : format;
                try {
                    docs.addAll(switch (f) {
                        case PARQUET -> readParquet(p, root, skips);
                        case JSONL -> readJsonLines(fs, p, root, skips);
                        default -> List.of(readText(fs, p, root));
                    });
                } catch (UnreadableFile e) {
                    unreadable.add(e.getMessage(), badFiles == BadInput.FAIL);
                }
            }
            if (docs.isEmpty()) {
                List<String> why = new ArrayList<>(unreadable.examples);
                why.addAll(skips.examples);
                throw new IllegalArgumentException("input '" + uri + "': no documents (" + unreadable.count + " unreadable files and "
                        + skips.count + " bad records skipped" + (why.isEmpty() ? "" : ", e.g. " + why.get(0)) + ")");
            }
            return new DocumentSet(docs, skips.count, skips.examples, unreadable.count, unreadable.examples);
        } catch (IOException e) {
            throw new IllegalArgumentException("input '" + uri + "': cannot be read: " + firstLine(e.getMessage()), e);
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

    /** Auto-detection: Parquet if the files are Parquet (all of them: a mix has no one format to name), else per file. */
    static boolean isParquet(List<Path> files, String uri) {
        long parquet = files.stream().filter(p -> ofName(p.getName()) == InputFormat.PARQUET).count();
        if (parquet > 0 && parquet < files.size()) {
            throw new IllegalArgumentException("input '" + uri + "': mixes Parquet with other files; pass --format text, jsonl or parquet, "
                    + "or point --input at one kind");
        }
        return parquet > 0;
    }

    /** .parquet, .jsonl/.json/.ndjson (JSON lines), anything else is text. */
    static InputFormat ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") ? InputFormat.PARQUET
                : n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson") ? InputFormat.JSONL : InputFormat.TEXT;
    }

    /** docs.jsonl.gz -> docs.jsonl: the format of a compressed file is that of its content. */
    private String uncompressedName(Path p) {
        CompressionCodec codec = codecs.getCodec(p);
        return codec == null ? p.getName() : CompressionCodecFactory.removeSuffix(p.getName(), codec.getDefaultExtension());
    }

    private Document readText(FileSystem fs, Path p, Path root) throws UnreadableFile {
        String text = decode(fs, p);
        if (text.isBlank()) throw new UnreadableFile("input '" + p + "': empty document (expected text)");
        return new Document(relative(root, p), text);
    }

    private List<Document> readJsonLines(FileSystem fs, Path p, Path root, Skips skips) throws UnreadableFile {
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
                skips.add(where + ": " + problem, badLines == BadInput.FAIL);
                continue;
            }
            docs.add(new Document(name + ":" + (i + 1), node.get(textField).asText()));
        }
        return docs;
    }

    /**
     * One Parquet file, through parquet-hadoop rather than Spark (the driver needs the text anyway,
     * and no session exists yet): only the text column is read.
     */
    private List<Document> readParquet(Path p, Path root, Skips skips) throws UnreadableFile {
        MessageType schema;
        try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(p, hadoop))) {
            schema = footer.getFooter().getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile("input '" + p + "': not readable as Parquet (" + firstLine(e.getMessage()) + ")");
        }
        Type text = schema.containsField(textField) ? schema.getType(textField) : null;
        if (text == null || !text.isPrimitive() || !(text.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) {
            throw new IllegalArgumentException("input '" + p + "': Parquet has no string column '" + textField + "' (see --text-field; columns: "
                    + String.join(", ", schema.getFields().stream().map(Type::getName).toList()) + ")");
        }
        Configuration conf = new Configuration(hadoop);
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, new MessageType(schema.getName(), text).toString());
        List<String> texts = new ArrayList<>(); // (rows) the text column, null where empty
        try (ParquetReader<Group> rows = ParquetReader.builder(new GroupReadSupport(), p).withConf(conf).build()) {
            for (Group g; (g = rows.read()) != null; ) texts.add(g.getFieldRepetitionCount(0) == 0 ? null : g.getString(0, 0));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile("input '" + p + "': not readable as Parquet (" + firstLine(e.getMessage()) + ")");
        }
        String name = relative(root, p);
        List<Document> docs = new ArrayList<>();
        for (int row = 0; row < texts.size(); row++) {
            String t = texts.get(row);
            if (t == null || t.isBlank()) {
                skips.add("input '" + p + "' row " + row + ": empty text in column '" + textField + "'", badLines == BadInput.FAIL);
                continue;
            }
            docs.add(new Document(name + "#" + row, t));
        }
        return docs;
    }

    /**
     * The file's bytes as strict UTF-8, through the codec its extension names (.gz, .bz2, ...);
     * refuses binary data: a NUL byte or many control characters mean it is not text.
     */
    private String decode(FileSystem fs, Path p) throws UnreadableFile {
        CompressionCodec codec = codecs.getCodec(p);
        byte[] bytes;
        try (InputStream raw = fs.open(p); InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
        } catch (IOException | RuntimeException e) { // a damaged archive may fail with either
            throw new UnreadableFile("input '" + p + "': cannot be read" + (codec == null ? "" : " as " + codec.getDefaultExtension() + " compressed text")
                    + " (" + firstLine(String.valueOf(e.getMessage())) + ")");
        }
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new UnreadableFile("input '" + p + "': more than " + MAX_TEXT_BYTES + " bytes" + (codec == null ? "" : " uncompressed")
                    + ", more than one document can hold");
        }
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) throw new UnreadableFile("input '" + p + "': binary data (NUL bytes), expected UTF-8 text" + compressedHint(p, codec));
            if ((b & 0xff) < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
        }
        if (control > bytes.length / 100 + 1) {
            throw new UnreadableFile("input '" + p + "': binary data (" + control + " control bytes), expected UTF-8 text" + compressedHint(p, codec));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFile("input '" + p + "': not valid UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** A compressed file whose extension Hadoop does not know (.zip, .xz without its codec) reads as binary: say so. */
    private static String compressedHint(Path p, CompressionCodec codec) {
        return codec == null && p.getName().matches(".*\\.(zip|xz|zst|7z|lz4|snappy|tar|tgz)$")
                ? " (compressed text is read for the codecs Hadoop has: .gz, .bz2, .deflate)" : "";
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

    /** A file that cannot be read as documents: skipped or fatal by --bad-files. */
    private static final class UnreadableFile extends Exception {
        UnreadableFile(String message) { super(message, null, false, false); }
    }

    /** Problems met so far (bad records, or unreadable files); with the fail policy the first one ends the read. */
    private static final class Skips {
        private final String hint;
        int count;
        final List<String> examples = new ArrayList<>();

        Skips(String hint) { this.hint = hint; }

        void add(String reason, boolean fail) {
            if (fail) throw new IllegalArgumentException(reason + " (pass " + hint + ")");
            count++;
            if (examples.size() < MAX_EXAMPLES) examples.add(reason);
        }
    }
}
