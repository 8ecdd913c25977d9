package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void formatsNumbersShortly() {
        assertEquals("1.23k", Fmt.si(1234));
        assertEquals("45.7M", Fmt.si(45_678_901));
        assertEquals("1M", Fmt.si(999_999));
        assertEquals("0.0123", Fmt.si(0.012345));
        assertEquals("0", Fmt.si(0));
        assertEquals("3.5", Fmt.sig(3.5));
        assertEquals("1.00e-05", Fmt.sig(1e-5));
        assertEquals("83.3%", Fmt.pct(5 / 6.0));
        assertEquals(Fmt.NONE, Fmt.pct(Double.NaN));
        assertEquals("25%", Fmt.depth(0.25));
        assertEquals("1.5 s", Fmt.ms(1500));
        assertEquals("3 min", Fmt.ms(180_000));
    }

    @Test
    void formatsContextLengths() {
        assertEquals("4K", Fmt.length(4096));
        assertEquals("128K", Fmt.length(131072));
        assertEquals("1M", Fmt.length(1 << 20));
        assertEquals("3,000", Fmt.length(3000));
    }
}
