package dev.longsight.job.fidelity;

import java.util.List;

/**
 * Everything a sweep measured at one length: the unit of work that an output commits and a rerun
 * resumes from (every pattern and head of a length share one exact attention per head).
 */
public record LengthResult(int length, List<FidelityResult> results, List<BucketResult> buckets, List<HeadResult> heads,
                           List<DocumentResult> documents) {
    public LengthResult {
        results = List.copyOf(results);
        buckets = List.copyOf(buckets);
        heads = List.copyOf(heads);
        documents = List.copyOf(documents);
    }
}
