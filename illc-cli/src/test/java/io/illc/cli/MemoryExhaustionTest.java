package io.illc.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory running out anywhere is one line: which stage, how much heap there was, how to give more; exit 2. */
class MemoryExhaustionTest {
    private static String report(Throwable failure, String stage) {
        StringWriter text = new StringWriter();
        int code = Failures.report(failure, new PrintWriter(text), false, Optional.ofNullable(stage));
        assertEquals(Failures.BAD_INPUT, code);
        return text.toString();
    }

    @Test
    void anOutOfMemoryErrorNamesTheStageTheHeapAndJavaOpts() {
        String err = report(new IllegalStateException("wrapped", new OutOfMemoryError("Java heap space")), "compressing");
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("illc: ran out of memory while compressing (the heap limit is "), err);
        assertTrue(err.contains("JAVA_OPTS=-Xmx"), err);
        assertTrue(err.contains("nothing was written"), err);
    }

    @Test
    void nd4jsNativeAllocationFailureIsMemoryExhaustionToo() {
        String err = report(new RuntimeException("Allocation failed: [std::bad_alloc]"), "training");
        assertTrue(err.startsWith("illc: ran out of memory while training (native memory"), err);
        assertTrue(!err.contains("internal error"), err);
    }
}
