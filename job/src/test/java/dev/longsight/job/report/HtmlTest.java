package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupQuotesAndControlCharacters() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", Html.esc("<script>alert(\"x\")</script>"));
        assertEquals("a &amp; b &#39;c&#39;", Html.esc("a & b 'c'"));
        assertEquals("a\uFFFDb\nc", Html.esc("a\u0000b\nc"));
        assertEquals("", Html.esc(null));
        String plain = "plain text 123";
        assertSame(plain, Html.esc(plain), "no copy when nothing needs escaping");
    }
}
