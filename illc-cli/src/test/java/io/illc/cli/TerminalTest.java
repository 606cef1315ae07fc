package io.illc.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalTest {
    @Test
    void noColorSetToAnythingTurnsColoursOffEvenOnATerminal() {
        assertFalse(Terminal.colour(Map.of("NO_COLOR", "1"), true));
        assertFalse(Terminal.colour(Map.of("NO_COLOR", "yes"), true));
    }

    @Test
    void anEmptyNoColorIsIgnoredAsTheConventionSays() {
        assertTrue(Terminal.colour(Map.of("NO_COLOR", ""), true));
    }

    @Test
    void pipedOutputIsNeverColoured() {
        assertFalse(Terminal.colour(Map.of(), false));
    }

    @Test
    void theLaunchersAnswerWinsOverTheConsole() {
        assertTrue(Terminal.isTerminal("true", Map.of()));
        assertFalse(Terminal.isTerminal("false", Map.of()));
    }

    @Test
    void aDumbTerminalCannotRewriteLines() {
        assertFalse(Terminal.isTerminal("true", Map.of("TERM", "dumb")));
    }

    @Test
    void withoutTheLauncherATestJvmWithPipedStreamsIsNoTerminal() {
        // Surefire pipes the forked JVM's streams: whatever the JDK version, not a terminal.
        assertFalse(Terminal.isTerminal(null, Map.of()));
    }

    @Test
    void libraryLoggingThroughJavaUtilLoggingReachesSlf4j() {
        Main.configureLogging(false);
        assertTrue(org.slf4j.bridge.SLF4JBridgeHandler.isInstalled());
    }
}
