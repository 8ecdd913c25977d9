package dev.longsight.job.spark;

import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.Document;
import dev.longsight.job.workload.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Test fixtures for job runs: a small generated corpus and a captured console. */
final class JobFixtures {
    private JobFixtures() {}

    static final String[] WORDS = {"alpha", "river", "stone", "cloud", "quiet", "number", "garden", "light", "paper", "window"};

    /** Three text documents of ~2000 words each (a deterministic word salad), as the reader will name them. */
    static List<Document> corpus(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Document> docs = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            Random r = new Random(d);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 2000; i++) b.append(WORDS[r.nextInt(WORDS.length)]).append(i % 17 == 16 ? ".\n" : " ");
            Files.writeString(dir.resolve("doc" + d + ".txt"), b.toString());
            docs.add(new Document("doc" + d + ".txt", b.toString()));
        }
        return docs;
    }

    static List<String> unitIds(ConfigBuilder b, List<Document> docs) {
        return Workloads.expand(b.build().sweep(), docs).stream().map(WorkUnit::unitId).toList();
    }

    /** A console whose text the test reads afterwards; also echoed to stdout for the test log. */
    static final class Console {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() { return bytes.toString(StandardCharsets.UTF_8); }
    }

    static <T> T capture(Console c, Function<PrintStream, T> run) {
        try {
            return run.apply(c.out);
        } finally {
            System.out.print(c.text());
        }
    }
}
