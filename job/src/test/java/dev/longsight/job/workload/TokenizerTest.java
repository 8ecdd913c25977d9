package dev.longsight.job.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void wordsDigitsAndSymbolsAreSeparateTokens() {
        int[] ids = Tokenizer.encode("The pass key is 305. Remember it!");
        int[] expected = {Tokenizer.idOf("the"), Tokenizer.idOf("pass"), Tokenizer.idOf("key"), Tokenizer.idOf("is"),
                3, 0, 5, Tokenizer.idOf("."), Tokenizer.idOf("remember"), Tokenizer.idOf("it"), Tokenizer.idOf("!")};
        assertArrayEquals(expected, ids);
    }

    @Test
    void caseAndWhiteSpaceDoNotMatter() {
        assertArrayEquals(Tokenizer.encode("the  SKY\n\tis blue"), Tokenizer.encode("The sky is Blue"));
        assertEquals(0, Tokenizer.encode("  \n ").length);
    }

    @Test
    void idsAreStableAndInRange() {
        // Golden ids: a changed hash would silently change every workload and every stored result.
        assertEquals(950950, Tokenizer.idOf("the"));
        assertEquals(704584, Tokenizer.idOf("pass"));
        for (int id : Tokenizer.encode("Ünïcode wörds, émoji 🙂 and 42 numbers")) {
            assertTrue(id >= 0 && id < Tokenizer.VOCAB, "id " + id);
        }
        assertNotEquals(Tokenizer.idOf("sky"), Tokenizer.idOf("sun"));
        assertTrue(Tokenizer.idOf("sky") >= 10, "words never take the digit ids");
    }
}
