package io.illc.cli;

import io.illc.core.run.Processor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void printsOneTableRowPerMethodAndClustering() {
        Cli.Outcome outcome = Cli.illc("bench", "--layers", "2", "--width", "10", "--repetitions", "1",
                "--method", "illc,global", "--clustering", "agglomerative");

        assertEquals(0, outcome.code(), outcome.err());
        var lines = outcome.out().lines().toList();
        assertEquals(4, lines.size(), outcome.out());
        assertTrue(lines.get(0).startsWith("method"), lines.get(0));
        assertTrue(lines.get(1).startsWith("illc    agglomerative"), lines.get(1));
        assertTrue(lines.get(2).startsWith("global  agglomerative"), lines.get(2));
        assertEquals("processor: " + Processor.kernels(), lines.get(3));
    }

    @Test
    void onTwoThreadsTheTableSaysSoWithTheCpuTimeOfEveryThread() {
        Cli.Outcome outcome = Cli.illc("bench", "--layers", "2", "--width", "140", "--repetitions", "1",
                "--method", "illc", "--clustering", "agglomerative", "--threads", "2");

        assertEquals(0, outcome.code(), outcome.err());
        var lines = outcome.out().lines().toList();
        assertTrue(lines.get(0).endsWith("threads    all cpu [s]"), lines.get(0));
        String[] cells = lines.get(1).trim().split("\\s+");
        assertEquals("2", cells[cells.length - 2], lines.get(1));
    }

    @Test
    void noThreadsIsBadInput() {
        Cli.Outcome outcome = Cli.illc("bench", "--threads", "0", "--layers", "1", "--width", "4");

        assertEquals(2, outcome.code());
        assertEquals("illc: --threads: 0; must be at least 1\n", outcome.err());
    }

    @Test
    void everyImpossibleSizeIsNamedOnItsOwnLine() {
        Cli.Outcome outcome = Cli.illc("bench", "--layers", "0", "--width", "-1", "--repetitions", "0", "--shrink", "1");

        assertEquals(2, outcome.code());
        assertEquals("""
                illc: --layers: 0; must be at least 1
                illc: --width: -1; must be at least 1
                illc: --repetitions: 0; must be at least 1
                illc: --shrink: 1.0; must be in [0, 1) (0 keeps every neuron)
                """, outcome.err());
    }

    @Test
    void anUnknownMethodIsBadInput() {
        Cli.Outcome outcome = Cli.illc("bench", "--method", "sparx", "--layers", "1", "--width", "4");

        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("unknown method 'sparx'"), outcome.err());
    }

    @Test
    void anUnknownClusteringIsBadInputWithASuggestion() {
        Cli.Outcome outcome = Cli.illc("bench", "--clustering", "kmean", "--layers", "1", "--width", "4", "--repetitions", "1");

        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("did you mean 'kmeans'?"), outcome.err());
    }
}
