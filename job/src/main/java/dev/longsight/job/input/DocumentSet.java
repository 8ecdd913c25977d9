package dev.longsight.job.input;

import dev.longsight.job.workload.Document;
import java.util.List;

/**
 * The documents read from one input, with what was skipped: bad records and unreadable files, each
 * as a count and the first few reasons, so that the user can see what was dropped.
 */
public record DocumentSet(List<Document> documents, int skipped, List<String> skippedExamples,
                          int skippedFiles, List<String> skippedFileExamples) {
    public DocumentSet {
        documents = List.copyOf(documents);
        skippedExamples = List.copyOf(skippedExamples);
        skippedFileExamples = List.copyOf(skippedFileExamples);
    }
}
