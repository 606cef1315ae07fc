package io.illc.core.catalog;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link PluginActivity}: what the shutdown hook names, with calls nested and on several threads. */
class PluginActivityTest {
    @Test
    void aNestedCallHandsBackToItsOuterOne() {
        String outer = PluginActivity.enter("clustering plugin 'a'");
        String inner = PluginActivity.enter("metric plugin 'b'");
        assertEquals(Optional.of("metric plugin 'b'"), PluginActivity.current());
        PluginActivity.leave(inner);
        assertEquals(Optional.of("clustering plugin 'a'"), PluginActivity.current());
        PluginActivity.leave(outer);
        assertEquals(Optional.empty(), PluginActivity.current());
    }

    /** A on this thread, B on another; A ends first, then B: B is named while it runs, nothing after. */
    @Test
    void callsOnTwoThreadsDoNotLeaveAStaleNameBehind() throws InterruptedException {
        CountDownLatch bEntered = new CountDownLatch(1);
        CountDownLatch aLeft = new CountDownLatch(1);
        AtomicReference<Optional<String>> seenByB = new AtomicReference<>();
        String a = PluginActivity.enter("metric plugin 'a'");
        Thread other = new Thread(() -> {
            String b = PluginActivity.enter("metric plugin 'b'");
            bEntered.countDown();
            try {
                aLeft.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seenByB.set(PluginActivity.current());
            PluginActivity.leave(b);
        });
        other.start();
        bEntered.await();
        PluginActivity.leave(a);
        aLeft.countDown();
        other.join();
        assertEquals(Optional.of("metric plugin 'b'"), seenByB.get());
        assertEquals(Optional.empty(), PluginActivity.current());
    }
}
