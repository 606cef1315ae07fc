package io.illc.core.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessorTest {
    @Test
    void theFirstProcessorsModelAndWidestVectorExtensionAreNamed() {
        List<String> cpuinfo = List.of(
                "processor\t: 0",
                "vendor_id\t: GenuineIntel",
                "model name\t: Intel(R) Xeon(R) Processor",
                "flags\t\t: fpu sse sse2 avx fma avx2 avx512f avx512dq",
                "",
                "processor\t: 1",
                "model name\t: Other",
                "flags\t\t: sse2");
        assertEquals("Intel(R) Xeon(R) Processor (avx512f)", Processor.describe(cpuinfo));
    }

    @Test
    void withoutAvx512TheWidestIsAvx2AndAFlaglessListSaysSo() {
        assertEquals("AMD EPYC 7B13 (avx2)", Processor.describe(List.of("model name : AMD EPYC 7B13",
                "flags : sse2 avx avx2 fma")));
        assertEquals("unknown processor (no vector extension listed)", Processor.describe(List.of("processor : 0")));
    }
}
