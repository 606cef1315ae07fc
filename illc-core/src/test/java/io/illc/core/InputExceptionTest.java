package io.illc.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class InputExceptionTest {
    @Test
    void rewordsEachProblemAndKeepsTheOriginalAsItsCause() {
        InputException one = new InputException("m.json: malformed JSON at line 1, column 2");
        InputException two = new InputException(List.of("a: missing", "b: not a number"));

        InputException field = one.reworded(p -> "$.model.load: " + p);
        InputException upper = two.reworded(String::toUpperCase);

        assertEquals(List.of("$.model.load: m.json: malformed JSON at line 1, column 2"), field.problems());
        assertEquals("$.model.load: m.json: malformed JSON at line 1, column 2", field.getMessage());
        assertSame(one, field.getCause());
        assertEquals(List.of("A: MISSING", "B: NOT A NUMBER"), upper.problems());
        assertEquals("A: MISSING\nB: NOT A NUMBER", upper.getMessage());
        assertSame(two, upper.getCause());
    }
}
