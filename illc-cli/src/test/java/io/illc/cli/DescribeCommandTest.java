package io.illc.cli;

import io.illc.api.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescribeCommandTest {

    @Test
    void describesKmeansWithEveryParameterAndItsDefaultAndBounds() {
        Cli.Outcome r = Cli.illc("describe", "kmeans");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("clustering plugin 'kmeans'"), r.out());
        assertTrue(r.out().contains("jar:"), r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +maxIterations +integer +300 +>= 1 +.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +restarts +integer +10 +>= 1 +.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +tolerance +number +0\\.0001 +>= 0 +.*")), r.out());
    }

    @Test
    void describesAChoiceParameterWithItsChoices() {
        Cli.Outcome r = Cli.illc("describe", "agglomerative");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(" +linkage +choice +ward +ward, average, complete +.*")), r.out());
    }

    @Test
    void anUnknownNameIsBadInputWithASuggestion() {
        Cli.Outcome r = Cli.illc("describe", "kmean");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("'kmean'"), r.err());
        assertTrue(r.err().contains("did you mean 'kmeans'?"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void boundsShowOnlyTheLimitsThatRestrict() {
        assertEquals("0..1", DescribeCommand.allowed(Parameter.number("p", 0.5, 0, 1, "d")));
        assertEquals(">= 1", DescribeCommand.allowed(Parameter.integer("p", 3, 1, Integer.MAX_VALUE, "d")));
        assertEquals("<= 2.5", DescribeCommand.allowed(
                Parameter.number("p", 1, Double.NEGATIVE_INFINITY, 2.5, "d")));
        assertEquals("", DescribeCommand.allowed(
                Parameter.number("p", 1, -Double.MAX_VALUE, Double.MAX_VALUE, "d")));
        assertEquals("true, false", DescribeCommand.allowed(Parameter.bool("p", true, "d")));
    }

    @Test
    void numbersAreExactAndWithoutExponentUnlessTiny() {
        assertEquals("300", DescribeCommand.formatNumber(300));
        assertEquals("-2", DescribeCommand.formatNumber(-2.0));
        assertEquals("0.0001", DescribeCommand.formatNumber(1e-4));
        assertEquals("2.5", DescribeCommand.formatNumber(2.5));
        assertEquals("0.1", DescribeCommand.formatNumber(0.1));
        assertEquals("1.0E-9", DescribeCommand.formatNumber(1e-9));
    }

    @Test
    void defaultsReadAsASpecWouldWriteThem() {
        assertEquals("300", DescribeCommand.defaultValue(Parameter.integer("p", 300, 1, 1000, "d")));
        assertEquals("0.25", DescribeCommand.defaultValue(Parameter.number("p", 0.25, 0, 1, "d")));
        assertEquals("2", DescribeCommand.defaultValue(Parameter.number("p", 2.0, 0, 10, "d")));
        assertEquals("(not set)", DescribeCommand.defaultValue(Parameter.optionalNumber("p", 0, 1, "d")));
        assertEquals("(required)", DescribeCommand.defaultValue(Parameter.requiredPath("p", "d")));
    }
}
