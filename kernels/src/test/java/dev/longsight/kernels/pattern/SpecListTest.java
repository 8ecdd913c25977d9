package dev.longsight.kernels.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecListTest {
    @Test
    void splitsSpecsWhoseParametersContainCommas() {
        assertEquals(List.of("full", "sliding:window=9,sink=1", "topk:c=2,log", "topk:alpha=1,C=0.5", "window:alpha=1,C=0.5,mean", "paper-power"),
                SpecList.split("full, sliding:window=9,sink=1,topk:c=2,log,topk:alpha=1,C=0.5,window:alpha=1,C=0.5,mean,paper-power"));
        assertEquals(List.of("power:window=5,sink=1|sliding:window=2"), SpecList.split("power:window=5,sink=1|sliding:window=2"));
        assertEquals(List.of("longnet:segments=8/16,dilations=1/2", "power"), SpecList.split("longnet:segments=8/16,dilations=1/2,power"));
    }

    @Test
    void semicolonsAlwaysSeparate() {
        assertEquals(List.of("a-shape:sink=1,recent=9", "full"), SpecList.split("a-shape:sink=1,recent=9;full"));
        // a group's first piece starts a spec even when it looks like a parameter (the spec parser then names it)
        assertEquals(List.of("sliding:window=3", "sink=1"), SpecList.split("sliding:window=3;sink=1"));
        assertEquals(List.of(), SpecList.split(" ; , "));
    }
}
