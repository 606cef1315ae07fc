package io.illc.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalProgressTest {
    private final StringWriter screen = new StringWriter();
    private final TerminalProgress progress = new TerminalProgress(new PrintWriter(screen));

    private String text() {
        return screen.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void stagesAreWholeLines() {
        progress.stage("loading data");
        progress.stage("compressing");
        assertEquals("loading data\ncompressing\n", text());
    }

    @Test
    void epochsRewriteOneLineAndEndItAfterTheLastEpoch() {
        progress.epoch(1, 2, 0.5);
        progress.epoch(2, 2, 0.25);
        assertEquals("\repoch 1/2 loss 0.5000\repoch 2/2 loss 0.2500\n", text());
    }

    @Test
    void aShorterEpochLineBlanksOutTheTailOfTheLongerOne() {
        progress.epoch(1, 3, 12.5);
        progress.epoch(2, 3, 0.5);
        assertEquals("\repoch 1/3 loss 12.5000\repoch 2/3 loss 0.5000 ", text());
    }

    @Test
    void stepsDrawOneProgressBarAndEndItWhenAllAreDone() {
        progress.step("rows", 0, 2);
        progress.step("rows", 1, 2);
        progress.step("rows", 2, 2);
        String empty = "-".repeat(30);
        String half = "#".repeat(15) + "-".repeat(15);
        String full = "#".repeat(30);
        assertEquals("\rrows [" + empty + "] 0/2\rrows [" + half + "] 1/2\rrows [" + full + "] 2/2\n", text());
    }

    @Test
    void aStageAfterUnfinishedTrainingStartsOnAFreshLine() {
        progress.epoch(1, 3, 0.5);
        progress.stage("interrupted");
        assertEquals("\repoch 1/3 loss 0.5000\ninterrupted\n", text());
    }
}
