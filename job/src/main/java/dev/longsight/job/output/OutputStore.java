package dev.longsight.job.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.job.fs.Filesystems;
import dev.longsight.job.unit.UnitResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output directory on any Hadoop filesystem, and its commit protocol.
 *
 * <p>Layout: {@code _longsight/run.json} (the config fingerprint and description),
 * {@code _longsight/batches/batch-NNNNN.jsonl} (committed results, one file per batch), and the
 * final files (results.parquet, summary.csv, summary.json, report.html). Every file is written
 * under a temporary name and renamed into place, so a crash leaves a batch either committed
 * whole or absent; temporaries left by a crash are deleted when the output is opened again.
 * A rerun resumes from the committed batches; a different config is refused unless overwriting.
 */
public final class OutputStore {
    static final String META = "_longsight";
    static final String RUN_FILE = "run.json";
    static final String BATCHES = "batches";
    private static final String TMP = ".tmp-";
    /** Files this tool owns in an output directory: the only ones --overwrite deletes. */
    public static final List<String> OWNED = List.of(META, "results.parquet", "summary.csv", "summary.json", "report.html",
            "buckets.csv", "buckets.json", "fidelity.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path root;
    private final String fingerprint;
    private final String uri;

    private OutputStore(FileSystem fs, Path root, String uri, String fingerprint) {
        this.fs = fs;
        this.root = root;
        this.uri = uri;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens (creating if needed) an output for a run of this fingerprint. Refuses, with one line
     * naming the output, a directory holding another config's results or foreign files, unless
     * {@code overwrite}, which deletes only the files LongSight owns.
     */
    public static OutputStore open(Configuration conf, String uri, String fingerprint, List<String> description,
                                   boolean overwrite, PrintStream log) {
        FileSystem fs = null;
        Path root = null;
        boolean existed = true;
        try {
            root = new Path(uri);
            fs = Filesystems.get(root, conf, "output '" + uri + "'");
            root = fs.makeQualified(root);
            existed = fs.exists(root);
            OutputStore store = new OutputStore(fs, root, uri, fingerprint);
            store.prepare(description, overwrite, log);
            return store;
        } catch (IOException | UncheckedIOException e) {
            if (!existed) deleteQuietly(fs, root); // a failed open leaves no directory behind
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("output '" + uri + "': cannot be created or written (" + firstLine(why)
                    + "); expected a writable directory", e);
        } catch (IllegalArgumentException e) {
            if (!existed) deleteQuietly(fs, root);
            throw e;
        }
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        if (fs == null || p == null) return;
        try {
            fs.delete(p, true);
        } catch (IOException ignored) {
            // nothing was committed there; a leftover empty directory is harmless
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "no reason given";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void prepare(List<String> description, boolean overwrite, PrintStream log) throws IOException {
        if (fs.exists(root) && fs.getFileStatus(root).isFile()) {
            throw new IllegalArgumentException("output '" + uri + "': is a file, expected a directory");
        }
        Path runFile = meta(RUN_FILE);
        if (fs.exists(runFile)) {
            String previous = readRunFingerprint(runFile);
            if (!fingerprint.equals(previous)) {
                if (!overwrite && !batchFiles().isEmpty()) {
                    throw new IllegalArgumentException("output '" + uri + "' holds results of a different configuration (fingerprint "
                            + previous + ", this run " + fingerprint + "); pass --overwrite to replace them, or choose another --output");
                }
                if (!batchFiles().isEmpty()) log.println("overwriting the results of configuration " + previous + " in " + uri);
                deleteOwned();
            }
        } else if (fs.exists(root)) {
            List<String> foreign = new ArrayList<>();
            for (FileStatus s : fs.listStatus(root)) foreign.add(s.getPath().getName());
            if (!foreign.isEmpty() && !overwrite) {
                throw new IllegalArgumentException("output '" + uri + "': directory exists and is not a LongSight output (holds "
                        + String.join(", ", foreign.subList(0, Math.min(3, foreign.size()))) + (foreign.size() > 3 ? ", ..." : "")
                        + "); choose a new directory, or pass --overwrite (deletes only LongSight's own files)");
            }
            deleteOwned();
        }
        // Hadoop's local filesystem answers false instead of throwing (/proc, a parent that is a file)
        if (!fs.mkdirs(meta(BATCHES))) throw new IOException("cannot create directory " + meta(BATCHES));
        deleteTemporaries(meta(""));
        deleteTemporaries(meta(BATCHES));
        if (!fs.exists(runFile)) {
            ObjectNode run = JSON.createObjectNode().put("fingerprint", fingerprint);
            description.forEach(run.putArray("config")::add);
            writeAtomically(runFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
        }
    }

    private String readRunFingerprint(Path runFile) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(read(runFile));
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.hasNonNull("fingerprint")) {
            throw new IllegalArgumentException("output '" + uri + "': " + META + "/" + RUN_FILE + " is unreadable; remove it or pass --overwrite");
        }
        return n.get("fingerprint").asText();
    }

    private void deleteOwned() throws IOException {
        for (String name : OWNED) fs.delete(new Path(root, name), true);
    }

    private void deleteTemporaries(Path dir) throws IOException {
        if (!fs.exists(dir)) return;
        for (FileStatus s : fs.listStatus(dir)) if (s.getPath().getName().startsWith(TMP)) fs.delete(s.getPath(), true);
    }

    /** Every result committed so far for this config, batch by batch; a damaged batch is reported and dropped (its units rerun). */
    public List<UnitResult> committed(PrintStream log) {
        return committed(log, UnitResult.class);
    }

    /** The same for outputs whose batches hold {@code type} records (a fidelity sweep's lengths). */
    public <T> List<T> committed(PrintStream log, Class<T> type) {
        List<T> all = new ArrayList<>();
        for (Path batch : batchFiles()) {
            try {
                all.addAll(BatchCodec.decode(read(batch), fingerprint, type));
            } catch (IOException e) {
                throw new UncheckedIOException("output '" + uri + "': cannot read " + batch.getName() + ": " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                log.println("warning: ignoring damaged batch " + batch.getName() + " (" + e.getMessage() + "); its units run again");
                delete(batch);
            }
        }
        return all;
    }

    /** Commits one batch of result records (each a JSON line): written under a temporary name, then renamed; the rename is the commit. */
    public void commitBatch(List<?> results) {
        List<Path> existing = batchFiles();
        int next = existing.isEmpty() ? 0 : Integer.parseInt(existing.get(existing.size() - 1).getName().replaceAll("\\D", "")) + 1;
        writeAtomically(meta(BATCHES + "/" + String.format("batch-%05d.jsonl", next)), BatchCodec.encode(fingerprint, results));
    }

    private List<Path> batchFiles() {
        try {
            if (!fs.exists(meta(BATCHES))) return List.of();
            FileStatus[] st = fs.listStatus(meta(BATCHES));
            return Arrays.stream(st).map(FileStatus::getPath).filter(p -> p.getName().matches("batch-\\d+\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("output '" + uri + "': cannot list batches: " + e.getMessage(), e);
        }
    }

    /** Writes a final text file (summary, report) atomically. */
    public void writeText(String name, String content) { writeAtomically(new Path(root, name), content); }

    /** A fresh temporary path inside the output, for writers (Spark) that produce a directory. */
    public String temporaryPath() { return meta(TMP + UUID.randomUUID()).toString(); }

    /** Replaces {@code name} by the finished temporary directory {@code tmp}. */
    public void replaceWith(String tmp, String name) {
        Path dest = new Path(root, name);
        try {
            fs.delete(dest, true);
            if (!fs.rename(new Path(tmp), dest)) throw new IOException("rename " + tmp + " -> " + dest + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException("output '" + uri + "': cannot write " + name + ": " + e.getMessage(), e);
        }
    }

    public String location(String name) { return new Path(root, name).toString(); }

    private Path meta(String name) { return name.isEmpty() ? new Path(root, META) : new Path(new Path(root, META), name); }

    private void writeAtomically(Path dest, String content) {
        Path tmp = new Path(dest.getParent(), TMP + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(tmp, false)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(dest, false);
            if (!fs.rename(tmp, dest)) throw new IOException("rename " + tmp + " -> " + dest + " failed");
        } catch (IOException e) {
            delete(tmp);
            throw new UncheckedIOException("output '" + uri + "': cannot write " + dest.getName() + ": " + e.getMessage(), e);
        }
    }

    private String read(Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void delete(Path p) {
        try {
            fs.delete(p, false);
        } catch (IOException ignored) {
            // best effort: a leftover temporary is deleted when the output is opened next
        }
    }
}
