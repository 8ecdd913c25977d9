package dev.longsight.job.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the plain-text documents ({@code *.txt}) of a local directory, in name order: the corpus
 * for runs without Spark (calibration, tests). The Spark driver reads corpora itself (any Hadoop
 * filesystem, text, JSON lines, Parquet).
 */
public final class TextCorpus {
    private TextCorpus() {}

    public static List<Document> load(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("corpus directory '" + dir + "' does not exist");
        try (Stream<Path> files = Files.list(dir)) {
            List<Document> docs = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted()
                    .map(TextCorpus::read).toList();
            if (docs.isEmpty()) throw new IllegalArgumentException("corpus directory '" + dir + "' has no .txt files");
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus directory '" + dir + "'", e);
        }
    }

    private static Document read(Path p) {
        try {
            return new Document(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus file '" + p + "'", e);
        }
    }
}
