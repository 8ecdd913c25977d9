package dev.longsight.job.workload;

import java.io.Serializable;

/** One document of the corpus, as the driver read it: haystacks are cut from its text. */
public record Document(String id, String text) implements Serializable {
    public Document {
        if (id == null) throw new IllegalArgumentException("document id must not be null");
        if (text == null) throw new IllegalArgumentException("document '" + id + "' has no text");
    }
}
