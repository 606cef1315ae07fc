package io.illc.core.catalog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryTest {
    @Test
    void theHeapLimitIsInGigabytesFromOneGigabyteAndInMegabytesBelow() {
        assertEquals("the heap limit is 5.8 GB", Memory.heapText(6_228_541_440L));
        assertEquals("the heap limit is 1.0 GB", Memory.heapText(1L << 30));
        assertEquals("the heap limit is 22 MB", Memory.heapText(22L << 20));
        assertEquals("no heap limit was set", Memory.heapText(Long.MAX_VALUE));
    }
}
