package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.catalog.PluginException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {
    /** Reports {@code failure} and returns {code, stderr}. */
    private static Object[] report(Throwable failure, boolean debug) {
        StringWriter text = new StringWriter();
        int code = Failures.report(failure, new PrintWriter(text), debug);
        return new Object[]{code, text.toString()};
    }

    @Test
    void badInputPrintsEachProblemOnItsOwnLineWithExitCodeTwo() {
        Object[] r = report(new InputException(List.of("$.a: first", "$.b: second")), false);
        assertEquals(2, r[0]);
        assertEquals("illc: $.a: first\nillc: $.b: second\n", ((String) r[1]).replace("\r\n", "\n"));
    }

    @Test
    void aPluginExceptionIsOneLineWithExitCodeTwo() {
        Object[] r = report(new PluginException("clustering plugin 'x' (X in /p/x.jar) failed:\nbroken",
                new IllegalStateException("broken")), false);
        assertEquals(2, r[0]);
        assertEquals("illc: clustering plugin 'x' (X in /p/x.jar) failed: broken", ((String) r[1]).strip());
    }

    @Test
    void badInputWrappedByALibraryIsStillBadInput() {
        Object[] r = report(new RuntimeException("wrapper", new InputException("$.x: wrong")), false);
        assertEquals(2, r[0]);
        assertEquals("illc: $.x: wrong", ((String) r[1]).strip());
    }

    @Test
    void anUnexpectedErrorIsAnInternalErrorPointingAtDebug() {
        Object[] r = report(new IllegalStateException("layer 3 has no weights"), false);
        assertEquals(1, r[0]);
        assertEquals("illc: internal error: layer 3 has no weights (run with --debug for the stack trace)",
                ((String) r[1]).strip());
    }

    @Test
    void withDebugTheInternalErrorComesWithItsStackTrace() {
        Object[] r = report(new IllegalStateException("layer 3 has no weights"), true);
        assertEquals(1, r[0]);
        String err = (String) r[1];
        assertTrue(err.startsWith("illc: internal error: layer 3 has no weights\n"), err);
        assertTrue(err.contains("\tat "), err);
    }

    @Test
    void anInputOutputFailureSaysWhatTheSystemSaidWithoutClassNames() {
        Object[] r = report(new UncheckedIOException("cannot write metrics.json", new IOException("No space left on device")),
                false);
        assertEquals(1, r[0]);
        assertEquals("illc: cannot write metrics.json: No space left on device", ((String) r[1]).strip());

        Object[] missing = report(new UncheckedIOException(new NoSuchFileException("/x/y")), false);
        assertEquals("illc: /x/y: no such file or folder", ((String) missing[1]).strip());
    }

    @Test
    void errorsWithoutAMessageNameNoClass() {
        String err = (String) report(new NullPointerException(), false)[1];
        assertFalse(err.contains("Exception"), err);
        assertTrue(err.startsWith("illc: internal error: "), err);
    }

    @Test
    void oneLineJoinsLinesWithSingleSpaces() {
        assertEquals("a b c", Failures.oneLine("a\n  b\r\nc\n"));
    }

}
